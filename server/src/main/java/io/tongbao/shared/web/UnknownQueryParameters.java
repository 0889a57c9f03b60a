package io.tongbao.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a query parameter the endpoint does not read: {@code ?type=…} where the endpoint reads {@code types}
 * would otherwise be ignored in silence and answer as if no filter had been asked for. The names a handler reads
 * are its {@code @RequestParam}s (and plain simple-typed parameters, which Spring binds the same way); a handler
 * that takes all parameters as a map, or binds a {@code @ModelAttribute}, is left alone. Query parameters only:
 * the JSON API reads no form bodies.
 */
@Configuration(proxyBeanMethods = false)
class UnknownQueryParameters implements WebMvcConfigurer, HandlerInterceptor {

    private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();
    /** Per handler method: the names it reads, or empty when it reads any. */
    private final Map<Method, Optional<Set<String>>> known = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**", "/api/operator/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getQueryString() == null) {
            return true;
        }
        Optional<Set<String>> accepted = known.computeIfAbsent(method.getMethod(), any -> namesRead(method));
        if (accepted.isEmpty()) {
            return true;
        }
        for (String name : QueryStrings.names(request.getQueryString())) {
            if (!accepted.get().contains(name)) {
                throw ApiException.invalid(
                        name,
                        "unknown query parameter; "
                                + (accepted.get().isEmpty()
                                        ? "this call takes none"
                                        : "this call takes " + String.join(", ", accepted.get())));
            }
        }
        return true;
    }

    private Optional<Set<String>> namesRead(HandlerMethod handler) {
        Set<String> names = new LinkedHashSet<>();
        for (MethodParameter declared : handler.getMethodParameters()) {
            MethodParameter parameter = new MethodParameter(declared);
            parameter.initParameterNameDiscovery(parameterNames);
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null) {
                String name = !requestParam.name().isEmpty() ? requestParam.name() : requestParam.value();
                if (name.isEmpty() && Map.class.isAssignableFrom(parameter.getParameterType())) {
                    return Optional.empty();
                }
                names.add(name.isEmpty() ? parameter.getParameterName() : name);
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
                return Optional.empty();
            } else if (isBoundByName(parameter)) {
                names.add(parameter.getParameterName());
            }
        }
        return Optional.of(names);
    }

    /** An unannotated parameter of a simple type, which Spring MVC binds from the request parameter of its name. */
    private static boolean isBoundByName(MethodParameter parameter) {
        return !parameter.hasParameterAnnotation(PathVariable.class)
                && !parameter.hasParameterAnnotation(RequestBody.class)
                && !parameter.hasParameterAnnotation(RequestHeader.class)
                && parameter.getParameterAnnotations().length == 0
                && BeanUtils.isSimpleProperty(parameter.getParameterType());
    }
}
