"""LL4xx: versions, aliases, deployments and Lambda@Edge."""
