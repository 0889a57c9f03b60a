package io.tongbao.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-less console session over HTTP: a cookie jar, the CSRF token of the last page read, form posts. It
 * follows no redirect, so that a test sees where the console sends it.
 */
public final class ConsoleSession {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf = "";

    public ConsoleSession(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Logs in with the form; the answer is the redirect the console gave (to the page asked for, or back). */
    public HttpResponse<String> login(String username, String password) {
        return login(username, password, null);
    }

    public HttpResponse<String> login(String username, String password, String code) {
        get("/console/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        if (code != null) {
            form.put("code", code);
        }
        return post("/console/login", form);
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        rememberCsrf(response.body());
        return response;
    }

    /** A form post carrying the CSRF token of the last page read. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent("_csrf", csrf);
        String body = withToken.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        rememberCsrf(response.body());
        return response;
    }

    /** Any method, with the CSRF header (what htmx sends). */
    public HttpResponse<String> send(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("X-CSRF-TOKEN", csrf)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public String csrf() {
        return csrf;
    }

    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("TONGBAO_SESSION"))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse("");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void rememberCsrf(String page) {
        Matcher meta = CSRF_META.matcher(page);
        Matcher input = CSRF_INPUT.matcher(page);
        if (meta.find()) {
            csrf = meta.group(1);
        } else if (input.find()) {
            csrf = input.group(1);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
