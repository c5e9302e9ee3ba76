// Constraints and indexes for safegraph's graph model (docs/graph-model.md).
// Run before any push; every statement is idempotent (IF NOT EXISTS).
// Node keys are (review, id) for every label: ids are unique only within a review.
CREATE CONSTRAINT review_key IF NOT EXISTS FOR (n:Review) REQUIRE (n.review, n.id) IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE (n.review, n.id) IS UNIQUE;
CREATE CONSTRAINT agency_key IF NOT EXISTS FOR (n:Agency) REQUIRE (n.review, n.id) IS UNIQUE;
CREATE CONSTRAINT entry_key IF NOT EXISTS FOR (n:Entry) REQUIRE (n.review, n.id) IS UNIQUE;
CREATE INDEX review_by_review IF NOT EXISTS FOR (n:Review) ON (n.review);
CREATE INDEX person_by_review IF NOT EXISTS FOR (n:Person) ON (n.review);
CREATE INDEX agency_by_review IF NOT EXISTS FOR (n:Agency) ON (n.review);
CREATE INDEX entry_by_review IF NOT EXISTS FOR (n:Entry) ON (n.review);
CREATE INDEX entry_type IF NOT EXISTS FOR (n:Entry) ON (n.review, n.type);
CREATE INDEX person_family IF NOT EXISTS FOR (n:Person) ON (n.review, n.family);
CREATE INDEX entry_date IF NOT EXISTS FOR (n:Entry) ON (n.review, n.date);
