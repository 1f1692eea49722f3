#include "timeline/ActivityDialog.h"

#include "activities/Activity.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace outpost {

ActivityDialog::ActivityDialog(Workspace& workspace, const QString& subjectType, const QString& subjectId,
                               QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_subjectType(subjectType)
    , m_subjectId(subjectId)
    , m_kind(new QComboBox(this))
    , m_when(new QDateTimeEdit(this))
    , m_title(new QLineEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_message(new MessageLabel(this))
{
    setWindowTitle(tr("Log Activity"));
    setObjectName(QStringLiteral("activityDialog"));
    m_kind->setObjectName(QStringLiteral("activityKind"));
    m_title->setObjectName(QStringLiteral("activityTitle"));
    m_body->setObjectName(QStringLiteral("activityBody"));
    for (const QString& k : Activity::kinds())
        m_kind->addItem(ActivityValidation::kindLabel(k), k);
    m_when->setCalendarPopup(true);
    m_when->setDateTime(QDateTime::fromMSecsSinceEpoch(workspace.clock().nowMs()).toLocalTime());
    m_title->setMaxLength(ActivityValidation::kMaxTitle);
    m_title->setPlaceholderText(tr("e.g. Discovery call"));
    m_body->setPlaceholderText(tr("What was said or agreed"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&When:"), m_when);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Notes:"), m_body);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ActivityDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ActivityDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(460, 360);
}

void ActivityDialog::accept()
{
    const QString id = newUuidV7();
    auto m = m_workspace.mutations().submit(
        QStringLiteral("activity.log"),
        {{QStringLiteral("id"), id},
         {QStringLiteral("kind"), m_kind->currentData().toString()},
         {QStringLiteral("subjectType"), m_subjectType},
         {QStringLiteral("subjectId"), m_subjectId},
         {QStringLiteral("occurredAt"), m_when->dateTime().toUTC().toMSecsSinceEpoch()},
         {QStringLiteral("title"), m_title->text()},
         {QStringLiteral("body"), m_body->toPlainText()}});
    if (!m) {
        m_message->showError(m.message());
        return;
    }
    m_loggedId = id;
    QDialog::accept();
}

} // namespace outpost
