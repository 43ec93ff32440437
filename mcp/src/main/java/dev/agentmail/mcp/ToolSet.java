package dev.agentmail.mcp;

import java.util.List;

/** A family of tools over one domain service; Guice collects every family bound into {@link McpModule}'s set. */
public interface ToolSet {
    List<Tool> tools();
}
