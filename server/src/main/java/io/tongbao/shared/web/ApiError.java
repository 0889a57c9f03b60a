package io.tongbao.shared.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The one error shape of every API: a stable code, a message for people, and the request id to quote. */
public record ApiError(
        String code,
        String message,
        @JsonProperty("request_id") String requestId) {}
