package org.tsunagi.routes.routing;

import java.util.Optional;
import java.util.Set;

/** The information requests the gateway has accepted, so that a response goes back only to the body that asked. */
public interface InformationRequests {

    /**
     * An accepted request.
     *
     * @param requestId      its MessageId
     * @param requester      the local government that asked
     * @param addressee      the facility or probation office asked
     * @param requestedItems the field paths asked for (InformationResponse/...); empty means none named
     */
    record Request(String requestId, String requester, String addressee, Set<String> requestedItems) {
        public Request {
            requestedItems = Set.copyOf(requestedItems);
        }
    }

    Optional<Request> find(String requestId);
}
