"""apisix-gpt: let ChatGPT and other LLM agents manage Apache APISIX through a curated, spec-first proxy."""
