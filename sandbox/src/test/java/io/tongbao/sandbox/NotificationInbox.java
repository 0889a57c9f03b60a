package io.tongbao.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merchant's side of notifications in tests: records what arrives at {@code /test-inbox/{box}} and answers
 * with whatever the test scripted for that box (Alipay's "success" by default).
 */
@RestController
public class NotificationInbox {

    public record Received(Map<String, String> params, Map<String, String> headers, String body) {}

    public record Answer(int status, String body) {}

    private final Map<String, List<Received>> boxes = new ConcurrentHashMap<>();
    private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();

    @PostMapping("/test-inbox/{box}")
    ResponseEntity<String> receive(
            @PathVariable String box, HttpServletRequest request, @RequestBody(required = false) String body) {
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((key, values) -> params.put(key, values[0]));
        Map<String, String> headers = new HashMap<>();
        Collections.list(request.getHeaderNames()).forEach(name -> headers.put(name, request.getHeader(name)));
        boxes.computeIfAbsent(box, b -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Received(params, headers, body));
        Answer answer = scripts.getOrDefault(box, new ConcurrentLinkedQueue<>()).poll();
        if (answer == null) {
            answer = new Answer(200, "success");
        }
        return ResponseEntity.status(answer.status()).body(answer.body());
    }

    /** Answers the next calls to this box in this order; then the default. */
    public void script(String box, Answer... answers) {
        scripts.computeIfAbsent(box, b -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    public List<Received> received(String box) {
        List<Received> list = boxes.get(box);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
