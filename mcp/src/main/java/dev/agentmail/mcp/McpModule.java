package dev.agentmail.mcp;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.agentmail.api.ApiResources;
import dev.agentmail.mcp.tools.InboxTools;
import dev.agentmail.mcp.tools.MessageTools;
import dev.agentmail.mcp.tools.SendTools;
import dev.agentmail.mcp.tools.ThreadTools;
import dev.agentmail.mcp.tools.WaitTools;

/** The MCP server: its endpoint joins the REST API's resources (same port, same key filter), and its tools. */
public class McpModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Object.class, ApiResources.class).addBinding().to(McpEndpoint.class);
        Multibinder<ToolSet> tools = Multibinder.newSetBinder(binder(), ToolSet.class);
        tools.addBinding().to(InboxTools.class);
        tools.addBinding().to(MessageTools.class);
        tools.addBinding().to(SendTools.class);
        tools.addBinding().to(ThreadTools.class);
        tools.addBinding().to(WaitTools.class);
    }
}
