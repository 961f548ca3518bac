package dev.revenant.management;

import dev.revenant.broker.redrive.MoveProgress;
import dev.revenant.broker.redrive.MoveRequest;
import dev.revenant.broker.redrive.MoveTarget;
import dev.revenant.broker.redrive.MoveTask;
import dev.revenant.broker.redrive.MoveTasks;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Move (redrive) tasks, which RabbitMQ's API lacks: {@code POST /api/queues/{vhost}/{name}/move}
 * starts one (201 with its id and progress), {@code /api/moves[/{id}]} reports them,
 * {@code DELETE /api/moves/{id}} cancels and {@code POST .../pause|resume} holds or continues.
 */
final class MoveResource {
    private final BrokerCalls calls;
    private final MoveTasks moves;

    MoveResource(BrokerCalls calls, MoveTasks moves) {
        this.calls = calls;
        this.moves = moves;
    }

    void register(Routes routes) {
        routes.add("POST", "api/queues/{vhost}/{name}/move", this::start)
                .add("GET", "api/moves", r -> {
                    List<Map<String, Object>> json = new ArrayList<>();
                    moves.tasks().forEach(task -> json.add(progress(task.progress())));
                    return ApiResponse.ok(json);
                })
                .add("GET", "api/moves/{id}", r -> ApiResponse.ok(progress(task(r).progress())))
                .add("DELETE", "api/moves/{id}", r -> {
                    task(r).cancel();
                    return ApiResponse.noContent();
                })
                .add("POST", "api/moves/{id}/pause", r -> control(task(r), true))
                .add("POST", "api/moves/{id}/resume", r -> control(task(r), false));
    }

    private ApiResponse start(ApiRequest request) {
        VirtualHost vhost = calls.vhost(request.path("vhost"));
        calls.queue(vhost.name(), request.path("name"));
        JsonBody body = request.jsonObject();
        MoveTarget target = MoveTargets.parse(body);
        Long limit = body.integer("limit", 1, Long.MAX_VALUE);
        Double rate = body.number("rate");
        if (rate != null && !(rate > 0 && rate <= MoveRequest.MAX_RATE)) {
            throw ApiError.badRequest("'rate' must be more than 0 and at most " + (long) MoveRequest.MAX_RATE
                    + " messages per second, was " + rate);
        }
        MoveTargets.requireExchange(vhost, target);
        MoveTask task;
        try {
            task = moves.start(new MoveRequest(vhost.name(), request.path("name"), target, limit, rate));
        } catch (RuntimeException e) {
            throw BrokerCalls.translate(e);
        }
        return ApiResponse.created(progress(task.progress()));
    }

    private MoveTask task(ApiRequest request) {
        String id = request.path("id");
        return moves.task(id).orElseThrow(() -> ApiError.notFound("no move task '" + id + "'"));
    }

    private static ApiResponse control(MoveTask task, boolean pause) {
        try {
            if (pause) {
                task.pause();
            } else {
                task.resume();
            }
        } catch (IllegalStateException e) {
            throw ApiError.conflict(e.getMessage());
        }
        return ApiResponse.noContent();
    }

    static Map<String, Object> progress(MoveProgress progress) {
        MoveRequest request = progress.request();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", progress.id());
        json.put("vhost", request.vhost());
        json.put("queue", request.queue());
        json.put("to", request.target() instanceof MoveTarget.ToExchange to
                ? Map.of("exchange", to.exchange(), "routing_key", to.routingKey()) : "origin");
        json.put("limit", request.limit());
        json.put("rate", request.ratePerSecond());
        json.put("state", progress.state().wireName());
        json.put("total", progress.total());
        json.put("moved", progress.moved());
        json.put("remaining", progress.remaining());
        json.put("in_flight", progress.inFlight());
        json.put("started_at", progress.startedAt().toString());
        json.put("finished_at", progress.finishedAt() == null ? null : progress.finishedAt().toString());
        json.put("last_error", progress.lastError());
        return json;
    }
}
