package dev.revenant.store.file;

import dev.revenant.store.MessageStore;
import dev.revenant.store.MessageStoreContract;
import dev.revenant.store.StoreOptions;

import java.nio.file.Path;

/** The contract against the file store, with small segments so that rotation is exercised. */
class FileMessageStoreTest extends MessageStoreContract {

    static final StoreOptions SMALL = StoreOptions.defaults().withMessageSegmentBytes(8192).withQueueSegmentBytes(4096);

    @Override
    protected MessageStore open(Path directory) {
        return MessageStore.open(directory, SMALL);
    }
}
