#pragma once

#include "tasks/Task.h"

#include <QDialog>

class QCheckBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace outpost {

class MessageLabel;
class MutationEngine;

// Creates a task (task.create) or edits one (task.update with what changed): title, notes, due time, reminder,
// assignee; a contact or deal link given by the caller is shown and kept (quick-add from a contact or a deal).
class TaskEditDialog : public QDialog
{
    Q_OBJECT
public:
    // A task with an empty id is a new one; `linkText` describes its contact/deal link ("Deal: Kits for Lyon").
    TaskEditDialog(MutationEngine& mutations, const Task& task, const QString& linkText, QWidget* parent = nullptr);

    bool isNew() const { return m_original.id.isEmpty(); }
    QString savedId() const { return m_savedId; }
    QLineEdit* titleEdit() const { return m_title; }
    void save();

signals:
    void saved(const QString& id);

private:
    void validate();

    MutationEngine& m_mutations;
    Task m_original;
    QString m_savedId;
    QLineEdit* m_title = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QCheckBox* m_hasDue = nullptr;
    QDateTimeEdit* m_due = nullptr;
    QCheckBox* m_hasReminder = nullptr;
    QDateTimeEdit* m_reminder = nullptr;
    QLineEdit* m_assignee = nullptr;
    MessageLabel* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace outpost
