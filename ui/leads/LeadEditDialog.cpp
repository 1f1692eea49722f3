#include "leads/LeadEditDialog.h"

#include "profile/Workspace.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QVBoxLayout>

namespace outpost {

LeadEditDialog::LeadEditDialog(Workspace& workspace, const std::optional<Lead>& existing, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_existing(existing), m_message(new MessageLabel(this))
{
    setWindowTitle(existing ? tr("Edit Lead") : tr("New Lead"));
    setObjectName(QStringLiteral("leadEditDialog"));
    const QList<std::pair<QString, QString>> rows = {
        {QStringLiteral("firstName"), tr("&First name:")}, {QStringLiteral("lastName"), tr("&Last name:")},
        {QStringLiteral("email"), tr("&E-mail:")},         {QStringLiteral("phone"), tr("&Phone:")},
        {QStringLiteral("company"), tr("&Company:")},      {QStringLiteral("jobTitle"), tr("&Job title:")},
        {QStringLiteral("country"), tr("C&ountry (ISO):")}, {QStringLiteral("source"), tr("&Source:")},
        {QStringLiteral("ownerId"), tr("O&wner:")},        {QStringLiteral("notes"), tr("&Notes:")}};
    auto* form = new QFormLayout;
    for (const auto& [field, label] : rows) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(field + QStringLiteral("Edit"));
        if (existing)
            edit->setText(existing->field(field));
        m_edits.insert(field, edit);
        form->addRow(label, edit);
    }
    m_edits.value(QStringLiteral("source"))->setPlaceholderText(tr("e.g. web form, referral, trade fair"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &LeadEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LeadEditDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(440, sizeHint().height());
}

void LeadEditDialog::accept()
{
    QJsonObject fields;
    for (auto it = m_edits.begin(); it != m_edits.end(); ++it) {
        const QString v = it.value()->text().trimmed();
        if (!m_existing ? !v.isEmpty() : v != m_existing->field(it.key()))
            fields.insert(it.key(), v);
    }
    if (m_existing && fields.isEmpty()) {
        QDialog::accept();
        return;
    }
    const QString id = m_existing ? m_existing->id : newUuidV7();
    auto m = m_existing ? m_workspace.mutations().submit(QStringLiteral("lead.update"),
                                                         {{QStringLiteral("id"), id}, {QStringLiteral("set"), fields}})
                        : m_workspace.mutations().submit(QStringLiteral("lead.create"),
                                                         {{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
    if (!m) {
        m_message->showError(m.message());
        return;
    }
    m_savedId = id;
    QDialog::accept();
}

} // namespace outpost
