"""One thin handler module per spec tag; functions are snake_case(operationId)."""
