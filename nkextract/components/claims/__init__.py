"""nk_claims: the claim records assembled from the mentions and the parse."""
