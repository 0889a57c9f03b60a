package io.tongbao.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * What the application logged at WARN or above while a case was served: the server-side cause of a bad answer
 * (the exception behind a 500 is logged, not sent), so that findings are grouped by cause rather than by input.
 */
final class ServerLog extends AppenderBase<ILoggingEvent> {

    private static final Pattern EXCEPTION_CLASS =
            Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b");

    private final List<ILoggingEvent> events = new ArrayList<>();

    static ServerLog attach() {
        ServerLog log = new ServerLog();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        log.setContext(root.getLoggerContext());
        log.setName("fuzz-server-log");
        log.start();
        root.addAppender(log);
        return log;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN) && events.size() < 100) {
            events.add(event);
        }
    }

    synchronized void clear() {
        events.clear();
    }

    /**
     * One line naming the cause: the innermost exception of the first ERROR with one, its class and where it was
     * thrown (the first frame in Tongbao's code when there is one); else the first ERROR's, then WARN's, message
     * pattern; null when nothing was logged.
     */
    synchronized String cause() {
        for (ILoggingEvent event : events) {
            if (event.getLevel() == Level.ERROR && event.getThrowableProxy() != null) {
                return describe(event.getThrowableProxy());
            }
        }
        for (Level level : List.of(Level.ERROR, Level.WARN)) {
            for (ILoggingEvent event : events) {
                if (event.getLevel() == level) {
                    return level + " " + shortName(event.getLoggerName()) + ": "
                            + normalized(event.getFormattedMessage());
                }
            }
        }
        return null;
    }

    /** The first logged stack trace, for the findings file (the innermost cause and its frames). */
    synchronized String stackTrace(int frames) {
        for (ILoggingEvent event : events) {
            if (event.getThrowableProxy() != null) {
                IThrowableProxy root = innermost(event.getThrowableProxy());
                StringBuilder trace =
                        new StringBuilder(root.getClassName()).append(": ").append(clip(root.getMessage()));
                StackTraceElementProxy[] stack = root.getStackTraceElementProxyArray();
                for (int i = 0; i < Math.min(frames, stack.length); i++) {
                    trace.append("\n    at ").append(stack[i].getStackTraceElement());
                }
                return trace.toString();
            }
        }
        return events.isEmpty()
                ? null
                : events.getFirst().getLevel() + " " + clip(events.getFirst().getFormattedMessage());
    }

    private static String describe(IThrowableProxy thrown) {
        IThrowableProxy root = innermost(thrown);
        StackTraceElementProxy[] stack = root.getStackTraceElementProxyArray();
        StackTraceElement where = stack.length == 0 ? null : stack[0].getStackTraceElement();
        for (StackTraceElementProxy frame : stack) {
            if (frame.getStackTraceElement().getClassName().startsWith("io.tongbao.")) {
                where = frame.getStackTraceElement();
                break;
            }
        }
        return root.getClassName() + (where == null ? "" : " at " + where.getClassName() + "." + where.getMethodName());
    }

    private static IThrowableProxy innermost(IThrowableProxy thrown) {
        IThrowableProxy root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * The message cut after the first exception class it names (what follows is usually the input, quoted), with ids
     * and numbers blanked and clipped: one cause at many inputs is one finding.
     */
    private static String normalized(String message) {
        Matcher exception = EXCEPTION_CLASS.matcher(message);
        if (exception.find()) {
            message = message.substring(0, exception.end());
        }
        String blanked = clip(message).replaceAll("[a-z]+_[A-Za-z0-9]{8,}", "*").replaceAll("[0-9]+", "N");
        return blanked.length() > 160 ? blanked.substring(0, 160) + "…" : blanked;
    }

    private static String shortName(String logger) {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    private static String clip(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
