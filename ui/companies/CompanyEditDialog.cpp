#include "companies/CompanyEditDialog.h"

#include "companies/CompanyMutators.h"
#include "contacts/CountryComboBox.h"
#include "customfields/CustomFieldsForm.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

namespace {
const QString kCountry = QStringLiteral("country");
const QString kNotes = QStringLiteral("notes");
} // namespace

CompanyEditDialog::CompanyEditDialog(Workspace& workspace, const Company& company, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_original(company)
    , m_form(new QGridLayout)
    , m_country(new CountryComboBox(this))
    , m_notes(new QPlainTextEdit(this))
    , m_message(new MessageLabel(this))
{
    setObjectName(QStringLiteral("companyEditDialog"));
    setWindowTitle(isNew() ? tr("New Company") : tr("Edit %1").arg(company.name));
    m_form->setColumnStretch(1, 1);
    m_form->setHorizontalSpacing(10);

    addLine(QStringLiteral("name"), tr("&Name:"), 200);
    addLine(QStringLiteral("industry"), tr("&Industry:"), 200);
    addLine(QStringLiteral("domain"), tr("&Web site:"), 200)->setPlaceholderText(tr("example.com"));
    addLine(QStringLiteral("phone"), tr("&Phone:"), 40);
    addLine(QStringLiteral("email"), tr("&E-mail:"), 254);
    addLine(QStringLiteral("street"), tr("&Street:"), 200);
    addLine(QStringLiteral("postalCode"), tr("Postal &code:"), 200);
    addLine(QStringLiteral("city"), tr("C&ity:"), 200);
    addRow(tr("Co&untry:"), m_country);
    addErrorRow(kCountry);
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(70);
    m_notes->setMaximumHeight(110);
    addRow(tr("N&otes:"), m_notes);
    addErrorRow(kNotes);
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        it.value()->setText(company.field(it.key()));
    m_country->setCode(company.country);
    m_notes->setPlainText(company.notes);

    QSqlDatabase conn = workspace.database().connection();
    auto definitions = CustomFields::definitions(conn, QStringLiteral("company"));
    auto values = company.id.isEmpty() ? Result<QJsonObject>(QJsonObject()) : CustomFields::valuesOf(conn, company.id);
    if (definitions && values && !definitions->isEmpty()) {
        auto* group = new QGroupBox(tr("Custom fields"), this);
        m_custom = new CustomFieldsForm(definitions.value(), values.value(), group);
        (new QVBoxLayout(group))->addWidget(m_custom);
        m_form->addWidget(group, m_form->rowCount(), 0, 1, 2);
        connect(m_custom, &CustomFieldsForm::changed, this, &CompanyEditDialog::validate);
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveCompanyButton"));
    m_message->setObjectName(QStringLiteral("editMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(480);

    for (QLineEdit* e : std::as_const(m_lines))
        connect(e, &QLineEdit::textChanged, this, &CompanyEditDialog::validate);
    connect(m_country, &CountryComboBox::codeChanged, this, &CompanyEditDialog::validate);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &CompanyEditDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &CompanyEditDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &CompanyEditDialog::reject);
    validate();
    m_lines.value(QStringLiteral("name"))->setFocus();
}

QLineEdit* CompanyEditDialog::addLine(const QString& field, const QString& label, int maxLength)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(field + QStringLiteral("Edit"));
    edit->setMaxLength(maxLength);
    m_lines.insert(field, edit);
    addRow(label, edit);
    addErrorRow(field);
    return edit;
}

void CompanyEditDialog::addRow(const QString& label, QWidget* field)
{
    auto* caption = new QLabel(label, this);
    caption->setBuddy(field);
    caption->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    const int row = m_form->rowCount();
    m_form->addWidget(caption, row, 0, qobject_cast<QPlainTextEdit*>(field) ? Qt::AlignTop | Qt::AlignRight
                                                                             : Qt::Alignment());
    m_form->addWidget(field, row, 1);
}

void CompanyEditDialog::addErrorRow(const QString& field)
{
    auto* error = new MessageLabel(this);
    error->setObjectName(field + QStringLiteral("Error"));
    m_errors.insert(field, error);
    m_form->addWidget(error, m_form->rowCount(), 1);
}

Company CompanyEditDialog::currentValues() const
{
    Company c = m_original;
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        c.setField(it.key(), it.value()->text().trimmed());
    c.country = m_country->code();
    c.notes = m_notes->toPlainText().trimmed();
    return c;
}

bool CompanyEditDialog::hasChanges() const
{
    const Company now = currentValues();
    for (const QString& f : Company::fieldNames())
        if (now.field(f) != m_original.field(f))
            return true;
    return m_custom && !m_custom->changedValues().isEmpty();
}

bool CompanyEditDialog::isValid() const
{
    const Company now = currentValues();
    if (now.name.isEmpty())
        return false;
    for (const QString& f : Company::fieldNames())
        if (!CompanyValidation::problemWith(f, now.field(f)).isEmpty())
            return false;
    return !m_custom || m_custom->isValid(isNew());
}

void CompanyEditDialog::validate()
{
    const Company now = currentValues();
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QString problem = CompanyValidation::problemWith(it.key(), now.field(it.key()));
        if (problem.isEmpty())
            it.value()->clearMessage();
        else
            it.value()->showError(problem);
    }
    if (m_custom)
        m_custom->validate(isNew());
    if (now.name.isEmpty())
        m_message->showMessage(MessageLabel::Kind::Info, tr("A company needs a name."));
    else if (m_message->kind() != MessageLabel::Kind::Error)
        m_message->clearMessage();
    m_save->setEnabled(isValid() && hasChanges());
}

void CompanyEditDialog::save()
{
    if (!isValid() || !hasChanges())
        return;
    const Company now = currentValues();
    QJsonObject values;
    for (const QString& f : Company::fieldNames()) {
        if (f == QLatin1String("ownerId"))
            continue; // not the user's to edit here
        if (isNew() || now.field(f) != m_original.field(f))
            values.insert(f, now.field(f));
    }
    if (m_custom) {
        const QJsonObject custom = m_custom->changedValues();
        for (auto it = custom.begin(); it != custom.end(); ++it)
            values.insert(it.key(), it.value());
    }
    const QString id = isNew() ? newUuidV7() : m_original.id;
    auto result = m_workspace.mutations().submit(
        isNew() ? QStringLiteral("company.create") : QStringLiteral("company.update"),
        QJsonObject{{QStringLiteral("id"), id}, {isNew() ? QStringLiteral("fields") : QStringLiteral("set"), values}});
    if (!result) {
        m_message->showError(tr("The company was not saved: %1").arg(result.message()));
        return;
    }
    m_savedId = id;
    emit saved(id);
    accept();
}

} // namespace outpost
