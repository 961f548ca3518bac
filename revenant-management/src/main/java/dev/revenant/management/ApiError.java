package dev.revenant.management;

/**
 * A request the API refuses: an HTTP status and the JSON body {@code {"error": ..., "reason": ...}}
 * RabbitMQ's management API answers with (its {@code error} words where it has them).
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    ApiError(int status, String error, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.error = error;
    }

    int status() { return status; }
    String error() { return error; }
    String reason() { return getMessage(); }

    static ApiError badRequest(String reason) {
        return new ApiError(400, "bad_request", reason);
    }

    static ApiError notFound(String reason) {
        return new ApiError(404, "Object Not Found", reason);
    }

    static ApiError conflict(String reason) {
        return new ApiError(409, "conflict", reason);
    }
}
