package org.tsunagi.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.participants.ParticipantRole;

/**
 * Turns a verified token into the caller's identity: the principal's name is the participant id ({@code iss}) and
 * the authorities come from the registry, never from the token.
 * <ul>
 *   <li>{@code ROLE_AUDITOR}: the auditor, and nothing else (it never sends nor receives messages);</li>
 *   <li>{@code ROLE_SENDER}: a participant that may send at least one message type;</li>
 *   <li>{@code ROLE_RECIPIENT}: a participant with at least one agreement to receive.</li>
 * </ul>
 */
final class ParticipantAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String AUDITOR = "ROLE_AUDITOR";
    static final String SENDER = "ROLE_SENDER";
    static final String RECIPIENT = "ROLE_RECIPIENT";

    private final ParticipantRegistry registry;

    ParticipantAuthorities(ParticipantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String id = jwt.getClaimAsString("iss");
        // The key selector found the issuer, so it is registered; this lookup cannot miss.
        Participant participant = registry.find(id).orElseThrow();
        return new JwtAuthenticationToken(jwt, authorities(participant), id);
    }

    static List<GrantedAuthority> authorities(Participant participant) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (participant.role() == ParticipantRole.AUDITOR) {
            authorities.add(new SimpleGrantedAuthority(AUDITOR));
            return authorities;
        }
        if (!participant.maySend().isEmpty()) {
            authorities.add(new SimpleGrantedAuthority(SENDER));
        }
        if (!participant.agreements().isEmpty()) {
            authorities.add(new SimpleGrantedAuthority(RECIPIENT));
        }
        return authorities;
    }
}
