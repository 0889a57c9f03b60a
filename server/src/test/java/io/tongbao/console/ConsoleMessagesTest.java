package io.tongbao.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every console string is in both languages, and every literal key a template names exists. */
class ConsoleMessagesTest {

    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-zA-Z][\\w.]*)(?:\\(|})");
    private static final Pattern QUOTED_KEY = Pattern.compile("'((?:help|nav|status|role|error|notice)\\.[\\w.]+)'");

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> english = load("i18n/console.properties").stringPropertyNames();
        Set<String> chinese = load("i18n/console_zh_CN.properties").stringPropertyNames();
        assertThat(new TreeSet<>(chinese)).as("keys missing in English").isSubsetOf(english);
        assertThat(new TreeSet<>(english)).as("keys missing in Chinese").isSubsetOf(chinese);
    }

    @Test
    void everyKeyATemplateNamesLiterallyExists() throws IOException {
        Set<String> keys = load("i18n/console.properties").stringPropertyNames();
        Set<String> named = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates/console"))) {
            for (Path template :
                    templates.filter(path -> path.toString().endsWith(".html")).toList()) {
                String html = Files.readString(template);
                Matcher literal = LITERAL_KEY.matcher(html);
                while (literal.find()) {
                    named.add(literal.group(1));
                }
                Matcher quoted = QUOTED_KEY.matcher(html);
                while (quoted.find()) {
                    named.add(quoted.group(1));
                }
            }
        }
        assertThat(named).isNotEmpty();
        assertThat(new TreeSet<>(keys)).containsAll(named);
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConsoleMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
