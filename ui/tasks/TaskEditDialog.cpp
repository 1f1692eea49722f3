#include "tasks/TaskEditDialog.h"

#include "mutations/ArgReader.h"
#include "mutations/MutationEngine.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace outpost {

namespace {
QJsonValue timeValue(const QCheckBox* has, const QDateTimeEdit* edit)
{
    return has->isChecked() ? QJsonValue(double(edit->dateTime().toMSecsSinceEpoch())) : QJsonValue();
}

QDateTime nextFullHour()
{
    const QDateTime now = QDateTime::currentDateTime();
    return QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600);
}
} // namespace

TaskEditDialog::TaskEditDialog(MutationEngine& mutations, const Task& task, const QString& linkText, QWidget* parent)
    : QDialog(parent), m_mutations(mutations), m_original(task)
{
    setWindowTitle(isNew() ? tr("New Task") : tr("Edit Task"));
    setObjectName(QStringLiteral("taskEditDialog"));
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_title = new QLineEdit(task.title, this);
    m_title->setMaxLength(200);
    m_title->setPlaceholderText(tr("Call back, send the offer, …"));
    form->addRow(tr("&Title:"), m_title);
    if (!linkText.isEmpty())
        form->addRow(tr("For:"), new QLabel(linkText, this));

    auto timeRow = [this, form](const QString& label, const std::optional<qint64>& value, QCheckBox** box, QDateTimeEdit** edit,
                                const QDateTime& fallback) {
        *box = new QCheckBox(label, this);
        *edit = new QDateTimeEdit(this);
        (*edit)->setCalendarPopup(true);
        (*edit)->setDateTime(value ? QDateTime::fromMSecsSinceEpoch(*value) : fallback);
        (*box)->setChecked(value.has_value());
        (*edit)->setEnabled(value.has_value());
        connect(*box, &QCheckBox::toggled, *edit, &QWidget::setEnabled);
        auto* row = new QHBoxLayout;
        row->addWidget(*box);
        row->addWidget(*edit, 1);
        form->addRow(row);
    };
    timeRow(tr("&Due"), task.dueAt, &m_hasDue, &m_due, nextFullHour());
    timeRow(tr("&Remind me"), task.reminderAt, &m_hasReminder, &m_reminder, nextFullHour().addSecs(-15 * 60));
    if (isNew() && !task.dueAt)
        m_hasDue->setChecked(true); // a follow-up usually has a time

    m_assignee = new QLineEdit(task.assigneeId.isEmpty() ? mutations.actor() : task.assigneeId, this);
    m_assignee->setMaxLength(100);
    form->addRow(tr("&Assigned to:"), m_assignee);
    m_notes = new QPlainTextEdit(task.notes, this);
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(90);
    form->addRow(tr("&Notes:"), m_notes);

    m_message = new MessageLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TaskEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_title, &QLineEdit::textChanged, this, &TaskEditDialog::validate);
    validate();
    resize(460, sizeHint().height());
}

void TaskEditDialog::validate()
{
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!m_title->text().trimmed().isEmpty());
}

void TaskEditDialog::save()
{
    const QJsonObject fields{{QStringLiteral("title"), m_title->text().trimmed()},
                             {QStringLiteral("notes"), m_notes->toPlainText().trimmed()},
                             {QStringLiteral("dueAt"), timeValue(m_hasDue, m_due)},
                             {QStringLiteral("reminderAt"), timeValue(m_hasReminder, m_reminder)},
                             {QStringLiteral("assigneeId"), m_assignee->text().trimmed()}};
    Result<Mutation> result = Error();
    QString id = m_original.id;
    if (isNew()) {
        id = newUuidV7();
        QJsonObject args = fields;
        args.insert(QStringLiteral("id"), id);
        if (!m_original.contactId.isEmpty())
            args.insert(QStringLiteral("contactId"), m_original.contactId);
        if (!m_original.dealId.isEmpty())
            args.insert(QStringLiteral("dealId"), m_original.dealId);
        result = m_mutations.submit(QStringLiteral("task.create"), args);
    } else {
        QJsonObject set;
        changedFields(m_original.toJson(), fields, nullptr, &set);
        if (set.isEmpty()) {
            accept();
            return;
        }
        result = m_mutations.submit(QStringLiteral("task.update"), {{QStringLiteral("id"), id}, {QStringLiteral("set"), set}});
    }
    if (!result) {
        m_message->showError(result.message());
        return;
    }
    m_savedId = id;
    emit saved(id);
    accept();
}

} // namespace outpost
