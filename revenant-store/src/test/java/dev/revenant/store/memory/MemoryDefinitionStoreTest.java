package dev.revenant.store.memory;

import dev.revenant.store.DefinitionStore;
import dev.revenant.store.DefinitionStoreContract;

import java.nio.file.Path;

class MemoryDefinitionStoreTest extends DefinitionStoreContract {
    @Override
    protected DefinitionStore open(Path directory) {
        return DefinitionStore.inMemory();
    }
}
