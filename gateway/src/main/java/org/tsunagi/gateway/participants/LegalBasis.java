package org.tsunagi.gateway.participants;

import java.util.Objects;

/**
 * What makes a provision lawful: a law, an ordinance (name and article), or the person's consent.
 *
 * @param kind    LAW, ORDINANCE or CONSENT
 * @param name    the law's or ordinance's name (for CONSENT: what the consent covers)
 * @param article the article, where there is one
 */
public record LegalBasis(Kind kind, String name, String article) {

    public enum Kind { LAW, ORDINANCE, CONSENT }

    public LegalBasis {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a legal basis needs a name");
        }
    }

    /** The form recorded in the ledger, e.g. {@code ORDINANCE:大阪府子どもを性犯罪から守る条例 第16条}. */
    public String describe() {
        return kind + ":" + name + (article == null || article.isBlank() ? "" : " " + article);
    }
}
