package org.tsunagi.gateway.participants;

/** What a participant is in the exchange; decides which API roles it holds. */
public enum ParticipantRole {
    /** 矯正施設: prisons and juvenile training schools. */
    CORRECTIONAL_FACILITY,
    /** 保護観察所. */
    PROBATION_OFFICE,
    /** 都道府県. */
    PREFECTURE,
    /** 市区町村, special wards included. */
    MUNICIPALITY,
    /** The Ministry of Justice's statistics sender. */
    STATISTICS_SENDER,
    /** Reads the disclosure ledger, never message contents. */
    AUDITOR;

    public boolean isLocalGovernment() {
        return this == PREFECTURE || this == MUNICIPALITY;
    }
}
