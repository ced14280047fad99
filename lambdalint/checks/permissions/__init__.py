"""LL3xx: execution-role and resource-policy rules. Every rule reads ``lambdalint.iam`` answers
(``iam.analysis``), never raw template nodes, so the rules and ``lambdalint permissions`` agree."""
