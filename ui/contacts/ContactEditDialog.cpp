#include "contacts/ContactEditDialog.h"

#include "companies/CompanyPicker.h"
#include "companies/CompanyRepository.h"
#include "contacts/ContactMutators.h"
#include "contacts/CountryComboBox.h"
#include "contacts/LabelledValuesEditor.h"
#include "customfields/CustomFieldsForm.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace outpost {

namespace {
const QString kFirstName = QStringLiteral("firstName");
const QString kLastName = QStringLiteral("lastName");
const QString kEmail = QStringLiteral("email");
const QString kPhone = QStringLiteral("phone");
const QString kCompany = QStringLiteral("company");
const QString kStreet = QStringLiteral("street");
const QString kPostalCode = QStringLiteral("postalCode");
const QString kCity = QStringLiteral("city");
const QString kCountry = QStringLiteral("country");
const QString kNotes = QStringLiteral("notes");
const QString kCompanyId = QStringLiteral("companyId");
const QString kOtherEmails = QStringLiteral("otherEmails");
const QString kOtherPhones = QStringLiteral("otherPhones");
const QString kOtherAddresses = QStringLiteral("otherAddresses");
const QString kTags = QStringLiteral("tags");
const QString kCustom = QStringLiteral("custom");

// The fields this form edits, in the order of Contact::fieldNames() (ownerId is not the user's to edit).
const QStringList& editedFields()
{
    static const QStringList fields = {kFirstName, kLastName,   kEmail,       kPhone,      kCompany,
                                       kStreet,    kPostalCode, kCity,        kCountry,    kNotes,
                                       kCompanyId, kOtherEmails, kOtherPhones, kOtherAddresses, kTags};
    return fields;
}
} // namespace

ContactEditDialog::ContactEditDialog(Workspace& workspace, const Contact& contact, QWidget* parent)
    : QDialog(parent)
    , m_mutations(workspace.mutations())
    , m_companies(std::make_unique<CompanyRepository>(workspace.database()))
    , m_original(contact)
    , m_form(new QGridLayout)
    , m_country(new CountryComboBox(this))
    , m_notes(new QPlainTextEdit(this))
    , m_companyPicker(new CompanyPicker(*m_companies, this))
    , m_otherEmails(new LabelledValuesEditor(LabelledValuesEditor::Kind::Emails, this))
    , m_otherPhones(new LabelledValuesEditor(LabelledValuesEditor::Kind::Phones, this))
    , m_otherAddresses(new LabelledValuesEditor(LabelledValuesEditor::Kind::Addresses, this))
    , m_tabs(new QTabWidget(this))
    , m_message(new MessageLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("contactEditDialog"));
    setWindowTitle(isNew() ? tr("New Contact") : tr("Edit %1").arg(contact.displayName()));
    // A grid, not a QFormLayout: the error rows under the fields come and go, and Qt 6.4's
    // QFormLayout::heightForWidth writes out of bounds with hidden word-wrapped rows.
    m_form->setColumnStretch(1, 1);
    m_form->setHorizontalSpacing(10);

    addLine(kFirstName, tr("&First name:"), 200);
    addLine(kLastName, tr("&Last name:"), 200);
    addLine(kCompany, tr("C&ompany:"), 200);
    addRow(tr("Lin&ked company:"), m_companyPicker);
    addErrorRow(kCompanyId);
    addLine(kEmail, tr("&E-mail:"), 254);
    addLine(kPhone, tr("&Phone:"), 40);
    addGap();
    addLine(kStreet, tr("&Street:"), 200);
    addLine(kPostalCode, tr("Postal &code:"), 200);
    addLine(kCity, tr("C&ity:"), 200);
    addRow(tr("Co&untry:"), m_country);
    addErrorRow(kCountry);
    addGap();
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(90);
    addRow(tr("&Notes:"), m_notes);
    addErrorRow(kNotes);
    addLine(kTags, tr("&Tags:"), 2000)->setPlaceholderText(tr("vip, key account"));
    m_lines.value(kEmail)->setPlaceholderText(tr("name@example.com"));
    m_lines.value(kPhone)->setPlaceholderText(tr("+49 30 1234567"));

    for (const QString& f : editedFields()) {
        if (QLineEdit* e = m_lines.value(f))
            e->setText(contact.field(f));
    }
    m_country->setCode(contact.country);
    m_notes->setPlainText(contact.notes);
    m_companyPicker->setCompanyId(contact.companyId);
    m_otherEmails->setJson(contact.otherEmails);
    m_otherPhones->setJson(contact.otherPhones);
    m_otherAddresses->setJson(contact.otherAddresses);
    m_lines.value(kTags)->setText(Contact::tagList(contact.tags).join(QStringLiteral(", ")));

    // Other e-mails, phones and addresses.
    auto* more = new QWidget;
    auto* moreLayout = new QGridLayout(more);
    moreLayout->setColumnStretch(1, 1);
    int moreRow = 0;
    for (const auto& [editor, label, field] :
         {std::tuple{m_otherEmails, tr("Other e-mails:"), kOtherEmails}, std::tuple{m_otherPhones, tr("Other phones:"), kOtherPhones},
          std::tuple{m_otherAddresses, tr("Other addresses:"), kOtherAddresses}}) {
        editor->setObjectName(field + QStringLiteral("Editor"));
        auto* caption = new QLabel(label, more);
        caption->setAlignment(Qt::AlignRight | Qt::AlignTop);
        moreLayout->addWidget(caption, moreRow, 0);
        moreLayout->addWidget(editor, moreRow++, 1);
        auto* error = new MessageLabel(more);
        error->setObjectName(field + QStringLiteral("Error"));
        m_errors.insert(field, error);
        moreLayout->addWidget(error, moreRow++, 1);
        connect(editor, &LabelledValuesEditor::changed, this, &ContactEditDialog::validate);
    }
    moreLayout->setRowStretch(moreRow, 1);

    // Custom fields, with their values (a new contact has none).
    QSqlDatabase conn = workspace.database().connection();
    auto definitions = CustomFields::definitions(conn, QStringLiteral("contact"));
    auto values = contact.id.isEmpty() ? Result<QJsonObject>(QJsonObject()) : CustomFields::valuesOf(conn, contact.id);
    if (definitions && values && !definitions->isEmpty()) {
        m_custom = new CustomFieldsForm(definitions.value(), values.value());
        connect(m_custom, &CustomFieldsForm::changed, this, &ContactEditDialog::validate);
    }

    auto* main = new QWidget;
    main->setLayout(m_form);
    m_tabs->setObjectName(QStringLiteral("contactTabs"));
    m_tabs->addTab(main, tr("C&ontact"));
    m_tabs->addTab(more, tr("&More Details"));
    if (m_custom) {
        auto* customPage = new QWidget;
        auto* customLayout = new QVBoxLayout(customPage);
        customLayout->addWidget(m_custom);
        customLayout->addStretch(1);
        m_tabs->addTab(customPage, tr("C&ustom Fields"));
    }

    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveContactButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelContactButton"));
    m_message->setObjectName(QStringLiteral("editMessage"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    for (QLineEdit* e : std::as_const(m_lines))
        connect(e, &QLineEdit::textChanged, this, &ContactEditDialog::validate);
    connect(m_country, &CountryComboBox::codeChanged, this, &ContactEditDialog::validate);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &ContactEditDialog::validate);
    connect(m_companyPicker, &CompanyPicker::companyChanged, this, [this](const QString&, const QString& name) {
        // Linking a company fills the free-text company when it is empty (it is what lists and search show).
        QLineEdit* company = m_lines.value(kCompany);
        if (company->text().trimmed().isEmpty())
            company->setText(name);
        validate();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ContactEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ContactEditDialog::reject);
    validate();
    m_lines.value(kFirstName)->setFocus();
}

ContactEditDialog::~ContactEditDialog() = default;

QLineEdit* ContactEditDialog::addLine(const QString& field, const QString& label, int maxLength)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(field + QStringLiteral("Edit"));
    edit->setMaxLength(maxLength);
    m_lines.insert(field, edit);
    addRow(label, edit);
    addErrorRow(field);
    return edit;
}

void ContactEditDialog::addRow(const QString& label, QWidget* field)
{
    auto* caption = new QLabel(label, this);
    caption->setBuddy(field);
    caption->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    const int row = m_form->rowCount();
    m_form->addWidget(caption, row, 0, qobject_cast<QPlainTextEdit*>(field) ? Qt::AlignTop | Qt::AlignRight
                                                                             : Qt::Alignment());
    m_form->addWidget(field, row, 1);
}

void ContactEditDialog::addGap()
{
    // A little space between the groups of fields (person, address, notes).
    m_form->setRowMinimumHeight(m_form->rowCount(), 8);
}

void ContactEditDialog::addErrorRow(const QString& field)
{
    auto* error = new MessageLabel(this);
    error->setObjectName(field + QStringLiteral("Error"));
    m_errors.insert(field, error);
    m_form->addWidget(error, m_form->rowCount(), 1); // hidden while there is no problem
}

Contact ContactEditDialog::currentValues() const
{
    Contact c = m_original;
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        c.setField(it.key(), it.value()->text().trimmed());
    c.country = m_country->code();
    c.notes = m_notes->toPlainText().trimmed();
    c.companyId = m_companyPicker->companyId();
    c.otherEmails = m_otherEmails->json();
    c.otherPhones = m_otherPhones->json();
    c.otherAddresses = m_otherAddresses->json();
    c.tags = Contact::normalizeTags(c.tags);
    return c;
}

QVariantMap ContactEditDialog::formState() const
{
    QVariantMap typed;
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        typed.insert(it.key(), it.value()->text()); // as typed, spaces included
    typed.insert(kCountry, m_country->code());
    typed.insert(kNotes, m_notes->toPlainText());
    typed.insert(kCompanyId, m_companyPicker->companyId());
    typed.insert(kOtherEmails, m_otherEmails->json());
    typed.insert(kOtherPhones, m_otherPhones->json());
    typed.insert(kOtherAddresses, m_otherAddresses->json());
    if (m_custom) {
        QJsonObject custom = m_custom->currentValues();
        const QJsonObject changed = m_custom->changedValues(); // with the cleared ones, as null
        for (auto it = changed.begin(); it != changed.end(); ++it)
            custom.insert(it.key(), it.value());
        typed.insert(kCustom, custom.toVariantMap());
    }
    QVariantMap original = m_original.fieldsToJson().toVariantMap();
    original.insert(QStringLiteral("id"), m_original.id);
    return {{QStringLiteral("original"), original}, {QStringLiteral("typed"), typed}};
}

ContactEditDialog* ContactEditDialog::fromFormState(Workspace& workspace, const QVariantMap& state,
                                                    QWidget* parent)
{
    if (!state.contains(QStringLiteral("original")) || !state.contains(QStringLiteral("typed")))
        return nullptr;
    const QVariantMap original = state.value(QStringLiteral("original")).toMap();
    Contact contact;
    contact.id = original.value(QStringLiteral("id")).toString();
    for (auto it = original.cbegin(); it != original.cend(); ++it)
        contact.setField(it.key(), it.value().toString());
    auto* dialog = new ContactEditDialog(workspace, contact, parent);
    const QVariantMap typed = state.value(QStringLiteral("typed")).toMap();
    for (auto it = dialog->m_lines.cbegin(); it != dialog->m_lines.cend(); ++it)
        it.value()->setText(typed.value(it.key()).toString());
    dialog->m_country->setCode(typed.value(kCountry).toString());
    dialog->m_notes->setPlainText(typed.value(kNotes).toString());
    if (typed.contains(kCompanyId))
        dialog->m_companyPicker->setCompanyId(typed.value(kCompanyId).toString());
    if (typed.contains(kOtherEmails))
        dialog->m_otherEmails->setJson(typed.value(kOtherEmails).toString());
    if (typed.contains(kOtherPhones))
        dialog->m_otherPhones->setJson(typed.value(kOtherPhones).toString());
    if (typed.contains(kOtherAddresses))
        dialog->m_otherAddresses->setJson(typed.value(kOtherAddresses).toString());
    if (dialog->m_custom) {
        const QVariantMap custom = typed.value(kCustom).toMap();
        for (auto it = custom.cbegin(); it != custom.cend(); ++it)
            dialog->m_custom->setValue(it.key().mid(CustomField::kPrefix.size()), QJsonValue::fromVariant(it.value()));
    }
    dialog->validate();
    return dialog;
}

bool ContactEditDialog::hasChanges() const
{
    const Contact now = currentValues();
    for (const QString& f : editedFields())
        if (now.field(f) != m_original.field(f))
            return true;
    return m_custom && !m_custom->changedValues().isEmpty();
}

bool ContactEditDialog::isValid() const
{
    const Contact now = currentValues();
    for (const QString& f : editedFields())
        if (!ContactValidation::problemWith(f, now.field(f)).isEmpty())
            return false;
    if (m_custom && !m_custom->isValid(isNew()))
        return false;
    return !(now.firstName.isEmpty() && now.lastName.isEmpty() && now.company.isEmpty() && now.email.isEmpty());
}

void ContactEditDialog::validate()
{
    const Contact now = currentValues();
    for (const QString& f : editedFields()) {
        MessageLabel* error = m_errors.value(f);
        const QString problem = ContactValidation::problemWith(f, now.field(f));
        if (problem.isEmpty())
            error->clearMessage();
        else
            error->showError(problem);
    }
    if (m_custom)
        m_custom->validate(isNew());
    const bool noIdentity = now.firstName.isEmpty() && now.lastName.isEmpty() && now.company.isEmpty()
                            && now.email.isEmpty();
    if (noIdentity)
        m_message->showMessage(MessageLabel::Kind::Info,
                               tr("Enter at least a name, a company or an e-mail address."));
    else if (m_message->kind() != MessageLabel::Kind::Error)
        m_message->clearMessage();
    m_save->setEnabled(isValid() && hasChanges());
}

void ContactEditDialog::save()
{
    if (!isValid() || !hasChanges())
        return;
    const Contact now = currentValues();
    Result<Mutation> result = Error();
    QString id = m_original.id;
    if (isNew()) {
        id = newUuidV7();
        QJsonObject fields;
        for (const QString& f : editedFields())
            fields.insert(f, now.field(f));
        if (m_custom) {
            const QJsonObject custom = m_custom->changedValues();
            for (auto it = custom.begin(); it != custom.end(); ++it)
                fields.insert(it.key(), it.value());
        }
        result = m_mutations.submit(QStringLiteral("contact.create"),
                                    QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
    } else {
        QJsonObject set;
        for (const QString& f : editedFields())
            if (now.field(f) != m_original.field(f))
                set.insert(f, now.field(f));
        if (m_custom) {
            const QJsonObject custom = m_custom->changedValues();
            for (auto it = custom.begin(); it != custom.end(); ++it)
                set.insert(it.key(), it.value());
        }
        result = m_mutations.submit(QStringLiteral("contact.update"),
                                    QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), set}});
    }
    if (!result) {
        if (!isNew() && result.code() == ErrorCode::NotFound) {
            // Deleted meanwhile (on another device): offer to keep what was typed as a new contact.
            m_message->showError(tr("This contact was deleted meanwhile, perhaps on another device. Save again to "
                                    "keep what you typed as a new contact."));
            m_original = Contact();
            setWindowTitle(tr("New Contact"));
            validate();
            return;
        }
        m_message->showError(tr("The contact was not saved: %1").arg(result.message()));
        return;
    }
    m_savedId = id;
    m_discardConfirmed = true;
    emit saved(id);
    accept();
}

void ContactEditDialog::reject()
{
    if (m_discardConfirmed || !hasChanges()) {
        QDialog::reject();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Discard Changes?"),
                                tr("The changes to this contact have not been saved."), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("discardChangesBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* discard = box->addButton(tr("&Discard Changes"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardButton"));
    box->addButton(tr("&Keep Editing"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("keepEditingButton"));
    connect(box, &QMessageBox::buttonClicked, this, [this, discard](QAbstractButton* clicked) {
        if (clicked == discard) {
            m_discardConfirmed = true;
            QDialog::reject();
        }
    });
    box->open();
}

} // namespace outpost
