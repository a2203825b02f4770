"""Benchmark harness: overhead, scale and start-up of apisix-gpt against the sandbox and a ceiling app."""
