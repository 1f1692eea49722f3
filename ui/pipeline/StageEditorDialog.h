#pragma once

#include "pipeline/Pipeline.h"

#include <QDialog>

class QPushButton;
class QTableWidget;

namespace outpost {

class DealRepository;
class MessageLabel;
class Workspace;

// Edit Stages…: a pipeline's stages in board order — add, rename, set the win probability and the kind, move
// up and down, delete — each change a stage mutation at once (stage.create / update / reorder / delete). A
// refused change (deleting a stage that still holds deals, or the last open stage) says why and changes nothing.
class StageEditorDialog : public QDialog
{
    Q_OBJECT
public:
    StageEditorDialog(Workspace& workspace, DealRepository& repository, const QString& pipelineId, QWidget* parent = nullptr);

    enum Column { NameColumn, ProbabilityColumn, KindColumn, ColumnCount };
    QTableWidget* table() const { return m_table; }
    MessageLabel* message() const { return m_message; }

    void addStage(const QString& name);
    void moveSelected(int by);
    void deleteSelected();

private:
    void reload(const QString& selectId = {});
    void cellEdited(int row, int column);
    void kindChosen(int row, int index);
    bool submit(const QString& name, const QJsonObject& args);
    void updateButtons();

    Workspace& m_workspace;
    DealRepository& m_repository;
    QString m_pipelineId;
    QList<PipelineStage> m_stages;
    QTableWidget* m_table;
    QPushButton* m_up;
    QPushButton* m_down;
    QPushButton* m_delete;
    MessageLabel* m_message;
    bool m_loading = false;
};

} // namespace outpost
