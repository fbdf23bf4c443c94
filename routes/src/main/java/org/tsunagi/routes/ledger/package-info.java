/**
 * The verifiable-log mathematics of the disclosure ledger, shared by the gateway and the CLI:
 * RFC 9162 hashing, proofs and their verification, C2SP signed-note checkpoints, RFC 8785 entry bytes and
 * keyed subject references. Plain Java (no Spring, no storage), so that an auditor's tool runs the same code.
 */
package org.tsunagi.routes.ledger;
