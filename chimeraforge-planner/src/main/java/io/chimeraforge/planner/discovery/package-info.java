/**
 * Discovery: "what can I run on this GPU?". {@link io.chimeraforge.planner.discovery.Suggester}
 * collects candidate model ids from a local Ollama, the Hugging Face Hub and/or the local
 * {@link io.chimeraforge.planner.discovery.Catalog}, resolves them and keeps the cheapest
 * deployment per model that clears every gate.
 */
package io.chimeraforge.planner.discovery;
