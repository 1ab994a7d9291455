"""Web pages of the surveys app, by task: design, distribution, answering, analysis."""
