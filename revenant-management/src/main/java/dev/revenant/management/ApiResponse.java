package dev.revenant.management;

/**
 * What an endpoint answers: a status and a body Jackson can write (maps, lists, strings,
 * numbers, booleans), or none for 204.
 */
record ApiResponse(int status, Object body) {
    static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
