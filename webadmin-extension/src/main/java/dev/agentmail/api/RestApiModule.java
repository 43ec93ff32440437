package dev.agentmail.api;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import dev.agentmail.api.resource.ApiKeyResource;
import dev.agentmail.api.resource.AttachmentDownloadResource;
import dev.agentmail.api.resource.DomainResource;
import dev.agentmail.api.resource.InboxListResource;
import dev.agentmail.api.resource.ListResource;
import dev.agentmail.api.resource.HealthResource;
import dev.agentmail.api.resource.InboxResource;
import dev.agentmail.api.resource.MessageResource;
import dev.agentmail.api.resource.OpenApiResource;
import dev.agentmail.api.resource.OrganizationResource;
import dev.agentmail.api.resource.ThreadResource;
import dev.agentmail.api.resource.V1Resource;
import dev.agentmail.api.resource.WebhookResource;
import dev.agentmail.api.resource.DraftQueueResource;
import dev.agentmail.api.resource.DraftResource;
import dev.agentmail.api.resource.EventStreamResource;
import dev.agentmail.webadmin.AdminPortPolicy;
import dev.agentmail.webadmin.BackupRoutes;
import dev.agentmail.webadmin.OrganizationRoutes;
import dev.agentmail.webadmin.SendLimitRoutes;
import org.apache.james.webadmin.Routes;

/** The REST API's resources and the operator routes added to James WebAdmin. */
public class RestApiModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<Object> resources = Multibinder.newSetBinder(binder(), Object.class, ApiResources.class);
        resources.addBinding().to(HealthResource.class);
        resources.addBinding().to(OpenApiResource.class);
        resources.addBinding().to(OrganizationResource.class);
        resources.addBinding().to(ApiKeyResource.class);
        resources.addBinding().to(InboxResource.class);
        resources.addBinding().to(MessageResource.class);
        resources.addBinding().to(ThreadResource.class);
        resources.addBinding().to(AttachmentDownloadResource.class);
        resources.addBinding().to(DomainResource.class);
        resources.addBinding().to(ListResource.class);
        resources.addBinding().to(InboxListResource.class);
        resources.addBinding().to(V1Resource.class);
        resources.addBinding().to(WebhookResource.class);
        resources.addBinding().to(DraftResource.class);
        resources.addBinding().to(DraftQueueResource.class);
        resources.addBinding().to(EventStreamResource.class);

        bind(ApiServer.class).in(Scopes.SINGLETON);
        Multibinder<Routes> adminRoutes = Multibinder.newSetBinder(binder(), Routes.class);
        adminRoutes.addBinding().to(OrganizationRoutes.class);
        adminRoutes.addBinding().to(SendLimitRoutes.class);
        adminRoutes.addBinding().to(AdminPortPolicy.class);
        adminRoutes.addBinding().to(BackupRoutes.class);
    }
}
