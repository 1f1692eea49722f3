#pragma once

#include "leads/Lead.h"

#include <QDialog>
#include <QHash>

class QLineEdit;

namespace outpost {

class MessageLabel;
class Workspace;

// New lead (lead.create@1) or edit of one (lead.update@1, only the fields that changed). A refused save keeps
// what was typed and says why.
class LeadEditDialog : public QDialog
{
    Q_OBJECT
public:
    // `existing` empty: a new lead.
    LeadEditDialog(Workspace& workspace, const std::optional<Lead>& existing, QWidget* parent = nullptr);

    void accept() override;
    QString savedId() const { return m_savedId; }
    QLineEdit* fieldEdit(const QString& field) const { return m_edits.value(field); }

private:
    Workspace& m_workspace;
    std::optional<Lead> m_existing;
    QHash<QString, QLineEdit*> m_edits;
    MessageLabel* m_message;
    QString m_savedId;
};

} // namespace outpost
