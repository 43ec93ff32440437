package dev.agentmail.api.dto;

import java.util.List;

public record LabelsRequest(List<String> labels) {
}
