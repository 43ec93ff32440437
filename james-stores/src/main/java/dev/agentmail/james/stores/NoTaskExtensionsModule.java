package dev.agentmail.james.stores;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.webadmin.dto.DTOModuleInjections;

/**
 * James's task manager serializes the tasks that other modules contribute. In James's in-memory server the
 * deleted-messages vault declares those sets; without it they must still exist, empty.
 */
public class NoTaskExtensionsModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), new TypeLiteral<TaskDTOModule<? extends Task, ? extends TaskDTO>>() {
        });
        TypeLiteral<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation,
            ? extends AdditionalInformationDTO>> information = new TypeLiteral<>() {
        };
        Multibinder.newSetBinder(binder(), information);
        Multibinder.newSetBinder(binder(), information, Names.named(DTOModuleInjections.WEBADMIN_DTO));
    }
}
