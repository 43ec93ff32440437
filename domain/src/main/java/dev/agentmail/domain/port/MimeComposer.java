package dev.agentmail.domain.port;

import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.OutgoingMail;

/** Builds standard MIME for a message an inbox sends. Refuses invalid addresses naming the field. */
public interface MimeComposer {
    ComposedMail compose(OutgoingMail mail);
}
