# The domain models of this app arrive with its own issue.
