"""Who owns a decision: the decision areas from the seed, the classifier, the owner and
person in context, and the answer with its reason and who to consult."""
