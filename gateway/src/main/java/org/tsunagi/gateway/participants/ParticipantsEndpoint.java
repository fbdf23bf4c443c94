package org.tsunagi.gateway.participants;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code POST /actuator/participants} on the management port: reload the participant registry now (what
 * {@code tsunagi participants reload} calls). Answers what changed, or why the file was refused.
 */
@Endpoint(id = "participants")
final class ParticipantsEndpoint {

    private final ParticipantsReload reload;

    ParticipantsEndpoint(ParticipantsReload reload) {
        this.reload = reload;
    }

    @WriteOperation
    public ParticipantsReload.Result reload() {
        return reload.reload();
    }
}
