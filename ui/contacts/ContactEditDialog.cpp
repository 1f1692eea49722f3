#include "contacts/ContactEditDialog.h"

#include "contacts/ContactMutators.h"
#include "contacts/CountryComboBox.h"
#include "mutations/MutationEngine.h"
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

// The fields this form edits, in the order of Contact::fieldNames() (ownerId is not the user's to edit).
const QStringList& editedFields()
{
    static const QStringList fields = {kFirstName, kLastName, kEmail, kPhone,  kCompany,
                                       kStreet,    kPostalCode, kCity, kCountry, kNotes};
    return fields;
}
} // namespace

ContactEditDialog::ContactEditDialog(MutationEngine& mutations, const Contact& contact, QWidget* parent)
    : QDialog(parent)
    , m_mutations(mutations)
    , m_original(contact)
    , m_form(new QGridLayout)
    , m_country(new CountryComboBox(this))
    , m_notes(new QPlainTextEdit(this))
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
    m_lines.value(kEmail)->setPlaceholderText(tr("name@example.com"));
    m_lines.value(kPhone)->setPlaceholderText(tr("+49 30 1234567"));

    for (const QString& f : editedFields()) {
        if (QLineEdit* e = m_lines.value(f))
            e->setText(contact.field(f));
    }
    m_country->setCode(contact.country);
    m_notes->setPlainText(contact.notes);

    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveContactButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelContactButton"));
    m_message->setObjectName(QStringLiteral("editMessage"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    for (QLineEdit* e : std::as_const(m_lines))
        connect(e, &QLineEdit::textChanged, this, &ContactEditDialog::validate);
    connect(m_country, &CountryComboBox::codeChanged, this, &ContactEditDialog::validate);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &ContactEditDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ContactEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ContactEditDialog::reject);
    validate();
    m_lines.value(kFirstName)->setFocus();
}

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
    return c;
}

QVariantMap ContactEditDialog::formState() const
{
    QVariantMap typed;
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        typed.insert(it.key(), it.value()->text()); // as typed, spaces included
    typed.insert(kCountry, m_country->code());
    typed.insert(kNotes, m_notes->toPlainText());
    QVariantMap original = m_original.fieldsToJson().toVariantMap();
    original.insert(QStringLiteral("id"), m_original.id);
    return {{QStringLiteral("original"), original}, {QStringLiteral("typed"), typed}};
}

ContactEditDialog* ContactEditDialog::fromFormState(MutationEngine& mutations, const QVariantMap& state,
                                                    QWidget* parent)
{
    if (!state.contains(QStringLiteral("original")) || !state.contains(QStringLiteral("typed")))
        return nullptr;
    const QVariantMap original = state.value(QStringLiteral("original")).toMap();
    Contact contact;
    contact.id = original.value(QStringLiteral("id")).toString();
    for (auto it = original.cbegin(); it != original.cend(); ++it)
        contact.setField(it.key(), it.value().toString());
    auto* dialog = new ContactEditDialog(mutations, contact, parent);
    const QVariantMap typed = state.value(QStringLiteral("typed")).toMap();
    for (auto it = dialog->m_lines.cbegin(); it != dialog->m_lines.cend(); ++it)
        it.value()->setText(typed.value(it.key()).toString());
    dialog->m_country->setCode(typed.value(kCountry).toString());
    dialog->m_notes->setPlainText(typed.value(kNotes).toString());
    dialog->validate();
    return dialog;
}

bool ContactEditDialog::hasChanges() const
{
    const Contact now = currentValues();
    for (const QString& f : editedFields())
        if (now.field(f) != m_original.field(f))
            return true;
    return false;
}

bool ContactEditDialog::isValid() const
{
    const Contact now = currentValues();
    for (const QString& f : editedFields())
        if (!ContactValidation::problemWith(f, now.field(f)).isEmpty())
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
        result = m_mutations.submit(QStringLiteral("contact.create"),
                                    QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}});
    } else {
        QJsonObject set;
        for (const QString& f : editedFields())
            if (now.field(f) != m_original.field(f))
                set.insert(f, now.field(f));
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
