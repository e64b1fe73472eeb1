"""What a person looks at: the displaCy view of a Doc, plots and the HTML report."""
