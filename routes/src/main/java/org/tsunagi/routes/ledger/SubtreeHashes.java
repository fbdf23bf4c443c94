package org.tsunagi.routes.ledger;

import java.util.Collection;
import java.util.Map;

/** Where proofs read stored perfect-subtree hashes from; one call per proof so a store can batch its reads. */
@FunctionalInterface
public interface SubtreeHashes {

    /**
     * The hashes of the given nodes. Every node asked for lies inside the tree being proved, so a missing one
     * means the store is damaged: implementations throw {@link IllegalStateException}.
     */
    Map<TreeNode, byte[]> hashes(Collection<TreeNode> nodes);
}
