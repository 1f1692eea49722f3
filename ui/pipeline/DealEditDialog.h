#pragma once

#include "pipeline/Pipeline.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLineEdit;

namespace outpost {

class DealRepository;
class MessageLabel;
class MutationEngine;

// Creates a deal (deal.create, in an open stage of a chosen pipeline) or edits one (deal.update with the
// fields that changed). The value is typed in the currency's units and stored in minor units. A refused save
// shows the reason here and keeps what was typed.
class DealEditDialog : public QDialog
{
    Q_OBJECT
public:
    // A deal with an empty id is a new one; its pipelineId/stageId/contactId/ownerId are the defaults.
    DealEditDialog(MutationEngine& mutations, DealRepository& repository, const Deal& deal, QWidget* parent = nullptr);

    bool isNew() const { return m_original.id.isEmpty(); }
    QString savedId() const { return m_savedId; }

    QLineEdit* titleEdit() const { return m_title; }
    QLineEdit* valueEdit() const { return m_value; }
    void save();

signals:
    void saved(const QString& id);

private:
    void fillStages();
    void validate();

    MutationEngine& m_mutations;
    DealRepository& m_repository;
    Deal m_original;
    QString m_savedId;
    QLineEdit* m_title = nullptr;
    QComboBox* m_pipeline = nullptr;
    QComboBox* m_stage = nullptr;
    QLineEdit* m_value = nullptr;
    QComboBox* m_currency = nullptr;
    QCheckBox* m_hasClose = nullptr;
    QDateEdit* m_close = nullptr;
    QLineEdit* m_owner = nullptr;
    MessageLabel* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace outpost
