#pragma once

#include <QCoreApplication>

namespace outpost {

class MutationRegistry;

// Pipelines and their stages (entities "pipeline" and "pipeline_stage"):
// pipeline.create@1 { id, name, position?, stages?: [{ id, name, probability, kind }] }  stages in board order
// pipeline.update@1 { id, set: { name?, position? } }
// stage.create@1    { id, pipelineId, name, probability (0–100), kind ("open"|"won"|"lost"), position? }  appended
//                   at the end unless a position is given
// stage.update@1    { id, set: { name?, probability?, kind? } }
// stage.reorder@1   { pipelineId, stageIds: [every stage of the pipeline, in the new order] }
// stage.delete@1    { id }  refused while deals are in the stage (the message says how many: move them first),
//                   and for the pipeline's last open stage.
void registerPipelineMutators(MutationRegistry& registry);

class PipelineValidation
{
    Q_DECLARE_TR_FUNCTIONS(PipelineValidation)
};

} // namespace outpost
