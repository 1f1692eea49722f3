#pragma once

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QPlainTextEdit;

namespace outpost {

class MessageLabel;
class Workspace;

// Logs a call, meeting, e-mail or note on a record (activity.log@1). A refused entry keeps what was typed and
// says why.
class ActivityDialog : public QDialog
{
    Q_OBJECT
public:
    ActivityDialog(Workspace& workspace, const QString& subjectType, const QString& subjectId,
                   QWidget* parent = nullptr);

    void accept() override;
    QString loggedId() const { return m_loggedId; }

private:
    Workspace& m_workspace;
    QString m_subjectType;
    QString m_subjectId;
    QComboBox* m_kind;
    QDateTimeEdit* m_when;
    QLineEdit* m_title;
    QPlainTextEdit* m_body;
    MessageLabel* m_message;
    QString m_loggedId;
};

} // namespace outpost
