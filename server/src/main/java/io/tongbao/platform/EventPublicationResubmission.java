package io.tongbao.platform;

import java.time.Duration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox's safety net while a node runs: a listener that failed (a database hiccup, a crash of its thread)
 * leaves its publication incomplete, and it is handed to the listener again after a minute. Listeners are
 * idempotent, so a publication handled twice (here and on another node) does no harm.
 */
@Component
class EventPublicationResubmission {

    static final Duration GRACE = Duration.ofMinutes(1);

    private final IncompleteEventPublications incomplete;

    EventPublicationResubmission(IncompleteEventPublications incomplete) {
        this.incomplete = incomplete;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void resubmit() {
        incomplete.resubmitIncompletePublicationsOlderThan(GRACE);
    }
}
