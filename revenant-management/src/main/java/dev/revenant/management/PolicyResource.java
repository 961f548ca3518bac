package dev.revenant.management;

import dev.revenant.broker.policy.Policy;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/policies}: list, show, set and clear policies in RabbitMQ's body shape
 * ({@code pattern}, {@code apply-to}, {@code priority}, {@code definition}). Setting answers 201
 * for a new policy and 204 for a replaced one; any invalid part is a 400 naming it.
 */
final class PolicyResource {
    private final BrokerCalls calls;

    PolicyResource(BrokerCalls calls) {
        this.calls = calls;
    }

    void register(Routes routes) {
        routes.add("GET", "api/policies", r -> ApiResponse.ok(list(calls.broker().virtualHosts())))
                .add("GET", "api/policies/{vhost}", r -> ApiResponse.ok(list(List.of(calls.vhost(r.path("vhost"))))))
                .add("GET", "api/policies/{vhost}/{name}", r -> ApiResponse.ok(json(r.path("vhost"), existing(r))))
                .add("PUT", "api/policies/{vhost}/{name}", this::set)
                .add("DELETE", "api/policies/{vhost}/{name}", r -> {
                    existing(r);
                    BrokerCalls.await(calls.vhost(r.path("vhost")).clearPolicy(r.path("name")));
                    return ApiResponse.noContent();
                });
    }

    private Policy existing(ApiRequest request) {
        Policy policy = calls.vhost(request.path("vhost")).policy(request.path("name"));
        if (policy == null) {
            throw ApiError.notFound("no policy '" + request.path("name") + "' in vhost '" + request.path("vhost") + "'");
        }
        return policy;
    }

    private ApiResponse set(ApiRequest request) throws InterruptedException {
        VirtualHost vhost = calls.vhost(request.path("vhost"));
        JsonBody body = request.jsonObject();
        String pattern = body.text("pattern");
        if (pattern == null) {
            throw ApiError.badRequest("'pattern' is required");
        }
        String applyTo = body.text("apply-to");
        Long priority = body.integer("priority", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (body.objectField("definition") == null) {
            throw ApiError.badRequest("'definition' is required");
        }
        Map<String, Object> definition = FieldTableJson.fromJson(body.objectField("definition"), "definition");
        Policy policy;
        try {
            policy = new Policy(request.path("name"), pattern, applyTo == null ? "all" : applyTo,
                    priority == null ? 0 : priority.intValue(), definition);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        boolean existed = vhost.policy(policy.name()) != null;
        BrokerCalls.await(vhost.setPolicy(policy));
        return existed ? ApiResponse.noContent() : ApiResponse.created(null);
    }

    private static List<Map<String, Object>> list(Iterable<VirtualHost> vhosts) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (VirtualHost vhost : vhosts) {
            for (Policy policy : vhost.policies()) {
                json.add(json(vhost.name(), policy));
            }
        }
        return json;
    }

    static Map<String, Object> json(String vhost, Policy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("vhost", vhost);
        json.put("name", policy.name());
        json.put("pattern", policy.pattern());
        json.put("apply-to", policy.applyTo());
        json.put("definition", FieldTableJson.toJson(policy.definition()));
        json.put("priority", policy.priority());
        return json;
    }
}
