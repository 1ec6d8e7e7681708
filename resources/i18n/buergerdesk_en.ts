<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="23"/>
        <source>Über {0}</source>
        <translation>About {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="30"/>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="31"/>
        <source>Qt / PySide6:</source>
        <translation>Qt / PySide6:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="32"/>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="33"/>
        <source>Datenbank:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="33"/>
        <source>noch nicht geöffnet</source>
        <translation>not opened yet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="34"/>
        <source>Datenordner:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="35"/>
        <source>Protokolldatei:</source>
        <translation>Log file:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="45"/>
        <source>Datenschutz: Namen und Kontaktdaten bleiben in der Datenbank. Protokolle, Aufrufanzeige und Wartenummern enthalten keine personenbezogenen Daten; Daten erledigter Termine werden nach der Aufbewahrungsfrist anonymisiert.</source>
        <translation>Privacy: names and contact details stay in the database. Logs, the call display and tickets contain no personal data; data of completed appointments is anonymised after the retention period.</translation>
    </message>
</context>
<context>
    <name>AppointmentPanel</name>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="41"/>
        <location filename="../../ui/views/appointment_panel.py" line="111"/>
        <source>Kein Termin gewählt</source>
        <translation>No appointment selected</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="47"/>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="48"/>
        <source>Anliegen</source>
        <translation>Concern</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="49"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="50"/>
        <source>Buchungsnr.</source>
        <translation>Booking no.</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="51"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="52"/>
        <source>Gebucht</source>
        <translation>Booked via</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="53"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="77"/>
        <source>Verlauf</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="86"/>
        <source>Verlauf:</source>
        <translation>History:</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="115"/>
        <source>Einen Termin im Kalender wählen (Pfeiltasten, Maus) oder suchen (Strg+F).</source>
        <translation>Select an appointment in the calendar (arrow keys, mouse) or search (Ctrl+F).</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="137"/>
        <source>Möglich: {0}</source>
        <translation>Possible: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="139"/>
        <source>Keine weiteren Schritte möglich.</source>
        <translation>No further steps possible.</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="148"/>
        <source>Die Schritte unten wirken auf {0} (am Schalter), nicht auf diesen Termin.</source>
        <translation>The steps below act on {0} (at the counter), not on this appointment.</translation>
    </message>
</context>
<context>
    <name>AppointmentTableModel</name>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="40"/>
        <source>Zeit</source>
        <extracomment>A cancelled appointment&apos;s text (struck out too): 7:1 on every row colour.</extracomment>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="41"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="42"/>
        <source>Dienstleistung</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="43"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="44"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="45"/>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="46"/>
        <source>Buchungscode</source>
        <translation>Booking code</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="76"/>
        <source>Protokoll</source>
        <extracomment>How many rows one query shows (the newest); the info line asks to narrow beyond it. The period shown at first: the last week up to today.</extracomment>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="79"/>
        <source>von</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="133"/>
        <source>bis</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="85"/>
        <location filename="../../ui/dialogs/audit_dialog.py" line="133"/>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="80"/>
        <source>Zeitraum bis</source>
        <translation>Period to</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="86"/>
        <source>Alle Arten</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="90"/>
        <location filename="../../ui/dialogs/audit_dialog.py" line="134"/>
        <source>Benutzer</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="91"/>
        <source>Alle Benutzer</source>
        <translation>All users</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="93"/>
        <source>Buchungsnummer, Wartenummer, Name des Benutzers …</source>
        <translation>Booking number, ticket number, user name …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="94"/>
        <source>Suchtext löschen</source>
        <translation>Clear search text</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="95"/>
        <source>Suchtext</source>
        <translation>Search text</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="96"/>
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="101"/>
        <source>Protokolleinträge</source>
        <translation>Log entries</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="133"/>
        <source>Zeitraum von</source>
        <translation>Period from</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="134"/>
        <source>Suche</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="175"/>
        <source>„bis“ liegt vor „von“ – bitte den Zeitraum ändern.</source>
        <translation>“To” is before “from” – please change the period.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="185"/>
        <source>Lädt …</source>
        <translation>Loading …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="207"/>
        <source>Keine Einträge für diese Auswahl.</source>
        <translation>No entries for this selection.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="210"/>
        <source>Die neuesten {0} Einträge – bitte die Auswahl eingrenzen.</source>
        <translation>The newest {0} entries – please narrow the selection.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="215"/>
        <source>1 Eintrag.</source>
        <translation>1 entry.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="217"/>
        <source>{0} Einträge, die neuesten zuerst.</source>
        <translation>{0} entries, newest first.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="223"/>
        <source>Das Protokoll konnte nicht geladen werden ({0}).</source>
        <translation>The audit log could not be loaded ({0}).</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../ui/models/audit_model.py" line="50"/>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="51"/>
        <source>Benutzer</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="52"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="53"/>
        <source>Aktion</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="54"/>
        <source>Objekt</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="55"/>
        <source>vorher</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="56"/>
        <source>nachher</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="76"/>
        <source>(nicht angemeldet)</source>
        <translation>(not signed in)</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="77"/>
        <source>Portal / System</source>
        <translation>Portal / system</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="95"/>
        <source>alle Standorte</source>
        <translation>all offices</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="104"/>
        <source>Termin {0}</source>
        <translation>Appointment {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="106"/>
        <source>Wartenummer {0}</source>
        <translation>Ticket {0}</translation>
    </message>
</context>
<context>
    <name>BookedNotice</name>
    <message>
        <location filename="../../ui/dialogs/booked_notice.py" line="29"/>
        <source>Termin gebucht</source>
        <translation>Appointment booked</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booked_notice.py" line="41"/>
        <source>Buchungscode</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booked_notice.py" line="44"/>
        <source>{0}, {1}–{2} Uhr · Schalter {3}
{4}</source>
        <translation>{0}, {1}–{2} · counter {3}
{4}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booked_notice.py" line="54"/>
        <source>Code &amp;kopieren</source>
        <translation>&amp;Copy code</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booked_notice.py" line="59"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booked_notice.py" line="64"/>
        <source>Buchungscode:</source>
        <translation>Booking code:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booked_notice.py" line="73"/>
        <source>Kopiert ✓</source>
        <translation>Copied ✓</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="111"/>
        <source>Termin buchen – {0}</source>
        <translation>Book an appointment – {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="200"/>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="201"/>
        <source>am Schalter</source>
        <translation>at the counter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="170"/>
        <source>&amp;Dienstleistung:</source>
        <translation>&amp;Service:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="171"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="172"/>
        <source>&amp;Telefon:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="173"/>
        <source>&amp;E-Mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="174"/>
        <source>N&amp;otiz:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="175"/>
        <source>Gebucht:</source>
        <translation>Booked via:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="176"/>
        <source>Ein&amp;zugsdatum:</source>
        <translation>Move-in &amp;date:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="189"/>
        <source>Frühesten Termin in der Frist wählen</source>
        <translation>Choose the earliest slot within the deadline</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="133"/>
        <source>&amp;Buchen</source>
        <translation>&amp;Book</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="135"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="207"/>
        <source>Wie der Termin gebucht wird</source>
        <translation>How the appointment is booked</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="369"/>
        <source>Einzugsdatum eingeben, um die Anmeldefrist (14 Tage) zu prüfen.</source>
        <translation>Enter the move-in date to check the registration deadline (14 days).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="375"/>
        <source>Anmeldefrist (14 Tage nach Einzug): bis {0}.</source>
        <translation>Registration deadline (14 days after moving in): {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="377"/>
        <source>⚠ Der gewählte Termin liegt nach der Frist.</source>
        <translation>⚠ The chosen slot is after the deadline.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="379"/>
        <source>In der Frist ist kein Termin mehr frei.</source>
        <translation>No slot is free within the deadline.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="426"/>
        <source>Bitte die markierten Felder prüfen.</source>
        <translation>Please check the marked fields.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="434"/>
        <source>Bitte einen freien Termin wählen.</source>
        <translation>Please choose a free slot.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="445"/>
        <source>Wird gebucht …</source>
        <translation>Booking …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="474"/>
        <source>Nicht gebucht: {0}. Bitte einen anderen Termin wählen.</source>
        <translation>Not booked: {0}. Please choose another slot.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="478"/>
        <source>Nicht gebucht: unerwarteter Fehler ({0}). Bitte erneut versuchen.</source>
        <translation>Not booked: unexpected error ({0}). Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="486"/>
        <source>Fehler: {0}</source>
        <translation>Error: {0}</translation>
    </message>
</context>
<context>
    <name>CalendarModel</name>
    <message>
        <location filename="../../ui/models/calendar_model.py" line="43"/>
        <source>Am Schalter: </source>
        <translation>At the counter: </translation>
    </message>
    <message>
        <location filename="../../ui/models/calendar_model.py" line="204"/>
        <source>Ihr Schalter</source>
        <translation>Your counter</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../ui/views/calendar_view.py" line="254"/>
        <source>Schalterkalender</source>
        <extracomment>Block colours by appointment state (text stays dark on all of them). Free and closed time: background, pattern, mark. The blocks&apos; text, the free cells&apos; marks and the tint of the clerk&apos;s own counter. High contrast: white blocks and free time with black text, edges and marks. The selected free cell&apos;s frame (inside); the focused current cell&apos;s frame (at its edge, in the palette&apos;s selection colour: blue, or black in high contrast).</extracomment>
        <translation>Counter calendar</translation>
    </message>
</context>
<context>
    <name>CapacityEditor</name>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="93"/>
        <location filename="../../ui/dialogs/capacity_editor.py" line="401"/>
        <source>Kapazität planen</source>
        <translation>Plan capacity</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="98"/>
        <source>Nur die Teamleitung kann Kapazität ändern; Sie sehen die Planung zur Ansicht.</source>
        <translation>Only a team lead can change capacity; you are viewing the plan read-only.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="134"/>
        <source>Öffnungszeiten</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="135"/>
        <source>Buchungsfenster</source>
        <translation>Booking window</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="136"/>
        <source>Sprechstunde</source>
        <translation>Walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="137"/>
        <source>Schließzeiten</source>
        <translation>Closures</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="138"/>
        <source>Freigaben</source>
        <translation>Releases</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="162"/>
        <source>Öffnungszeiten und Buchungsfenster gelten ab</source>
        <translation>Opening hours and booking window apply from</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="208"/>
        <source>Kapazität planen – {0}</source>
        <translation>Plan capacity – {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="252"/>
        <source>Bitte die markierte Eingabe korrigieren.</source>
        <translation>Please correct the marked entry.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="310"/>
        <source>Wird gespeichert …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="327"/>
        <source>Gespeichert. Die Änderung gilt für das Portal sofort.</source>
        <translation>Saved. The change applies to the portal immediately.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="337"/>
        <source>{0} Termine freigegeben</source>
        <translation>{0} slots released</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="337"/>
        <source>1 Termin freigegeben</source>
        <translation>1 slot released</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="359"/>
        <source>Das hat nicht geklappt; bitte erneut versuchen.</source>
        <translation>That did not work; please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="402"/>
        <source>Änderungen verwerfen?</source>
        <translation>Discard the changes?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="405"/>
        <source>Die Änderungen an der Planung sind nicht gespeichert.</source>
        <translation>The changes to the plan have not been saved.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="406"/>
        <source>Verwerfen</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_editor.py" line="407"/>
        <source>Weiter bearbeiten</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>CapacityPreviewModel</name>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="27"/>
        <source>unbegrenzt</source>
        <translation>unlimited</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="36"/>
        <source>geändert</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="45"/>
        <source>Tag</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="46"/>
        <source>Portal
vorher</source>
        <translation>Portal
before</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="47"/>
        <source>Portal
nachher</source>
        <translation>Portal
after</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="48"/>
        <source>Intern
vorher</source>
        <translation>Internal
before</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="49"/>
        <source>Intern
nachher</source>
        <translation>Internal
after</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="50"/>
        <source>Kontingent
vorher</source>
        <translation>Quota
before</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_preview_model.py" line="51"/>
        <source>Kontingent
nachher</source>
        <translation>Quota
after</translation>
    </message>
</context>
<context>
    <name>CapacityRows</name>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="34"/>
        <source>1 Dienstleistung</source>
        <translation>1 service</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="36"/>
        <source>{0} Dienstleistungen</source>
        <translation>{0} services</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="42"/>
        <source>{0}, Schalter {1}</source>
        <translation>{0}, counter {1}</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="49"/>
        <source>unverändert</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="63"/>
        <source>Tag</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="64"/>
        <location filename="../../ui/models/capacity_rows_model.py" line="126"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="65"/>
        <location filename="../../ui/models/capacity_rows_model.py" line="182"/>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="66"/>
        <source>Terminlänge</source>
        <translation>Slot length</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="67"/>
        <source>Dienstleistungen</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="68"/>
        <location filename="../../ui/models/capacity_rows_model.py" line="128"/>
        <source>Änderung</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="108"/>
        <source>nicht besetzt</source>
        <translation>not staffed</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="111"/>
        <source>{0} Min.</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="116"/>
        <source>geändert</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="124"/>
        <source>Von</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="125"/>
        <source>Bis</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="127"/>
        <location filename="../../ui/models/capacity_rows_model.py" line="185"/>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="159"/>
        <source>ganzer Standort</source>
        <translation>whole office</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="165"/>
        <source>neu</source>
        <translation>new</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="167"/>
        <source>wird entfernt</source>
        <translation>to be removed</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="181"/>
        <source>Termin</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="183"/>
        <source>Entscheidung</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="184"/>
        <source>Vorschlag</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="240"/>
        <source>kein freier Platz</source>
        <translation>no free slot</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="244"/>
        <source>Verschieben</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="246"/>
        <source>Behalten</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location filename="../../ui/models/capacity_rows_model.py" line="247"/>
        <source>bitte wählen</source>
        <translation>please choose</translation>
    </message>
</context>
<context>
    <name>ChoiceDelegate</name>
    <message>
        <location filename="../../ui/dialogs/capacity_fields.py" line="49"/>
        <source>Entscheidung für {0}</source>
        <translation>Decision for {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_fields.py" line="50"/>
        <source>bitte wählen</source>
        <translation>please choose</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_fields.py" line="51"/>
        <source>Verschieben</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_fields.py" line="52"/>
        <source>Behalten</source>
        <translation>Keep</translation>
    </message>
</context>
<context>
    <name>ClerkCommands</name>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="109"/>
        <source>Gebucht: {0} am {1:%d.%m.%Y um %H:%M} ({2})</source>
        <translation>Booked: {0} on {1:%d/%m/%Y at %H:%M} ({2})</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="246"/>
        <source>Kalenderdatei speichern</source>
        <translation>Save calendar file</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="248"/>
        <source>Kalender (*.ics)</source>
        <translation>Calendar (*.ics)</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="271"/>
        <source>Kalenderdatei gespeichert: {0}</source>
        <translation>Calendar file saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="277"/>
        <source>Kalenderdatei</source>
        <translation>Calendar file</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="302"/>
        <source>Drucken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="310"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>ClosuresTab</name>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="50"/>
        <source>Schließzeiten</source>
        <translation>Closures</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="61"/>
        <source>z. B. Betriebsausflug, Umbau, Schulung</source>
        <translation>e.g. staff outing, renovation, training</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="63"/>
        <source>Schließzeit hinzufügen</source>
        <translation>Add closure</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="64"/>
        <source>Ausgewählte entfernen</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="66"/>
        <source>Von</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="67"/>
        <source>Bis</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="69"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="70"/>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="94"/>
        <source>ganzer Standort</source>
        <translation>whole office</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_closures_tab.py" line="96"/>
        <source>Schalter {0}</source>
        <translation>Counter {0}</translation>
    </message>
</context>
<context>
    <name>ConfigNotice</name>
    <message>
        <location filename="../../ui/config_notice.py" line="16"/>
        <source>In der Konfigurationsdatei stimmt etwas nicht. Bürgerdesk läuft mit Standardwerten für diese Einträge weiter:</source>
        <translation>Something is wrong in the configuration file. Bürgerdesk carries on with default values for these entries:</translation>
    </message>
    <message>
        <location filename="../../ui/config_notice.py" line="23"/>
        <source>Konfiguration</source>
        <translation>Configuration</translation>
    </message>
</context>
<context>
    <name>CounterPerson</name>
    <message>
        <location filename="../../ui/controllers/counter_person.py" line="87"/>
        <source>{0} ist {1}: erst abschließen (F8) oder zurückstellen.</source>
        <extracomment>A key&apos;s step with the current person, by the queue panel&apos;s button keys.</extracomment>
        <translation>{0} is {1}: finish (F8) or park first.</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/counter_person.py" line="116"/>
        <source>Am Schalter: niemand</source>
        <translation>At the counter: nobody</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/counter_person.py" line="117"/>
        <source>Am Schalter: {0} ({1})</source>
        <translation>At the counter: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/views/person_words.py" line="18"/>
        <source>in Bearbeitung</source>
        <translation>in service</translation>
    </message>
    <message>
        <location filename="../../ui/views/person_words.py" line="19"/>
        <source>aufgerufen</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../ui/views/person_words.py" line="27"/>
        <source>Wartenummer · {0} · aufgerufen {1} Uhr</source>
        <translation>Ticket · {0} · called at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/views/person_words.py" line="32"/>
        <source>Termin {0} Uhr · {1} · {2}</source>
        <translation>Appointment at {0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../ui/views/person_words.py" line="52"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="40"/>
        <source>Bürgerdesk – unerwarteter Fehler</source>
        <translation>Bürgerdesk – unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="47"/>
        <source>Bei der letzten Aktion ist im Programm ein Fehler aufgetreten. Das ist nicht Ihre Schuld.</source>
        <translation>An error occurred in the program during the last action. This is not your fault.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="53"/>
        <source>Ihre Arbeit bleibt erhalten: offene Fenster und eingegebene Daten sind noch da. Bitte prüfen Sie, ob die letzte Aktion ausgeführt wurde, und wiederholen Sie sie falls nötig.</source>
        <translation>Your work is kept: open windows and entered data are still there. Please check whether the last action was carried out, and repeat it if necessary.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="59"/>
        <source>Die technischen Einzelheiten stehen in der Protokolldatei:
{0}</source>
        <translation>The technical details are in the log file:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="63"/>
        <source>Eine Protokolldatei konnte nicht angelegt werden.</source>
        <translation>A log file could not be created.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="68"/>
        <source>Tritt der Fehler wieder auf, geben Sie diese Datei bitte Ihrer IT-Betreuung.</source>
        <translation>If the error happens again, please give this file to your IT support.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="77"/>
        <source>Weiter arbeiten</source>
        <translation>Continue working</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="86"/>
        <source>Der Fehler ist {0}-mal aufgetreten.</source>
        <translation>The error has occurred {0} times.</translation>
    </message>
</context>
<context>
    <name>CurrentPersonBar</name>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="46"/>
        <source>Am Schalter</source>
        <extracomment>The keys that act on the current person, in the order shown.</extracomment>
        <translation>At the counter</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="59"/>
        <source>Am Schalter: {0} – {1}</source>
        <translation>At the counter: {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="62"/>
        <source>{0}. Tasten: {1}</source>
        <translation>{0}. Keys: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="64"/>
        <source>Außerdem noch {0} offen (Warteschlange).</source>
        <translation>Also {0} more still open (queue).</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="68"/>
        <source>Niemand am Schalter – die Tasten wirken auf den gewählten Termin</source>
        <translation>Nobody at the counter – the keys act on the selected appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="70"/>
        <source>{0} Uhr · {1} · {2} · {3}</source>
        <translation>{0} · {1} · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="78"/>
        <source>Niemand am Schalter</source>
        <translation>Nobody at the counter</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="81"/>
        <source>Einen Termin im Kalender wählen oder mit F9 aufrufen.</source>
        <translation>Select an appointment in the calendar or call someone with F9.</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="89"/>
        <source>Niemand wartet.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/views/current_person_bar.py" line="90"/>
        <source>F9 ruft als Nächste(n): {0}</source>
        <translation>F9 calls next: {0}</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <location filename="../../ui/display/window.py" line="86"/>
        <source>Aufrufanzeige</source>
        <extracomment>The board&apos;s colours (see ui.contrast): white on dark blue, the newest call on a lighter blue, black on yellow while it flashes, white on red when the data is stale.</extracomment>
        <translation>Call display</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="124"/>
        <source>Anzeige nicht aktuell – bitte am Empfang nachfragen</source>
        <translation>Display not up to date – please ask at reception</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="142"/>
        <source>Zuvor aufgerufen</source>
        <translation>Called before</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="257"/>
        <source>Aufruf: {0} an {1}</source>
        <translation>Call: {0} to {1}</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="265"/>
        <location filename="../../ui/display/window.py" line="266"/>
        <source>Noch kein Aufruf</source>
        <translation>No call yet</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="271"/>
        <source>Wartende: {0}</source>
        <translation>Waiting: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="293"/>
        <source>Wartezeit für eine neue Nummer: ca. {0} min</source>
        <translation>Waiting time for a new number: approx. {0} min</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="294"/>
        <source>Wartezeit für eine neue Nummer: ca. {0}–{1} min</source>
        <translation>Waiting time for a new number: approx. {0}–{1} min</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="300"/>
        <source>(erneut)</source>
        <translation>(again)</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="168"/>
        <source>Gesperrt – zum Entsperren anmelden</source>
        <translation>Locked – sign in to unlock</translation>
    </message>
</context>
<context>
    <name>Integrity</name>
    <message>
        <location filename="../../ui/gui.py" line="88"/>
        <source>Lokale Datenbank wiederhergestellt</source>
        <translation>Local database recovered</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="69"/>
        <source>Gesperrt</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="69"/>
        <source>Anmelden</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="78"/>
        <source>Gesperrt nach {0} min ohne Eingabe. Zum Entsperren das Passwort eingeben.</source>
        <translation>Locked after {0} min without input. Enter the password to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="81"/>
        <source>Der Platz ist gesperrt. Zum Entsperren das Passwort eingeben.</source>
        <translation>This desk is locked. Enter the password to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="92"/>
        <source>&amp;Benutzer:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="93"/>
        <source>&amp;Passwort:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="98"/>
        <source>&amp;Entsperren</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="98"/>
        <source>&amp;Anmelden</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="101"/>
        <source>Beenden</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="101"/>
        <source>Abmelden</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="118"/>
        <source>Demo-Datenbank – anmelden als:
{0} (Teamleitung)
{1} (Sachbearbeitung)
Passwort für alle: {2}</source>
        <translation>Demo database – sign in as:
{0} (team lead)
{1} (clerks)
Password for all: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="154"/>
        <source>Anmeldung nicht möglich ({0}).</source>
        <translation>Sign-in not possible ({0}).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/views/main_window.py" line="161"/>
        <source>Bürgerdesk</source>
        <translation>Bürgerdesk</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="191"/>
        <source>Datenbank wird geöffnet …</source>
        <translation>Opening the database …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="241"/>
        <source>Standort</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="246"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="249"/>
        <source>Standort:</source>
        <translation>Office:</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="264"/>
        <source>◀ Vortag</source>
        <translation>◀ Previous day</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="272"/>
        <source>Folgetag ▶</source>
        <translation>Next day ▶</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="247"/>
        <location filename="../../ui/views/main_window.py" line="422"/>
        <source>&amp;Neuer Termin …</source>
        <translation>&amp;New appointment …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="252"/>
        <source>S&amp;chalter:</source>
        <translation>Coun&amp;ter:</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="269"/>
        <source>Angezeigter Tag</source>
        <translation>Day shown</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="271"/>
        <source>Vortag</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="273"/>
        <source>Folgetag</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="274"/>
        <source>Heute</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="294"/>
        <source>Legende: @ frei online · ▨ frei nur intern · + zusätzlich freigegeben · ▩ geschlossen · rote Linie: jetzt</source>
        <translation>Legend: @ free online · ▨ free, internal only · + released in addition · ▩ closed · red line: now</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="313"/>
        <source>Wochenübersicht</source>
        <translation>Week overview</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="317"/>
        <source>Empfang</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="319"/>
        <location filename="../../ui/views/main_window.py" line="458"/>
        <source>&amp;Tag</source>
        <translation>&amp;Day</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="320"/>
        <location filename="../../ui/views/main_window.py" line="459"/>
        <source>&amp;Woche</source>
        <translation>&amp;Week</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="321"/>
        <location filename="../../ui/views/main_window.py" line="460"/>
        <source>&amp;Liste</source>
        <translation>&amp;List</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="322"/>
        <location filename="../../ui/views/main_window.py" line="461"/>
        <source>&amp;Empfang</source>
        <translation>&amp;Reception</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="341"/>
        <source>Termin</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="342"/>
        <source>Warteschlange</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="490"/>
        <source>Ab&amp;gleich und Konflikte …</source>
        <translation>S&amp;ync and conflicts …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="884"/>
        <source>Einzelplatz: kein Abgleich mit der Zentrale</source>
        <translation>Standalone: no sync with the centre</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="886"/>
        <source>Abgleich: noch kein Stand</source>
        <translation>Sync: no state yet</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="923"/>
        <source>Termine des Tages</source>
        <translation>Appointments of the day</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/sign_in.py" line="59"/>
        <location filename="../../ui/views/main_window.py" line="357"/>
        <source>Ohne Anmeldung (Einzelplatz)</source>
        <extracomment>Where the keys go after a sign-in when nothing had the focus (the calendar). The covers over every window while locked (None when not locked).</extracomment>
        <translation>Not signed in (standalone)</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="938"/>
        <source>Die Demo-Stadt wird eingerichtet …</source>
        <translation>Setting up the demo city …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="944"/>
        <source>Erster Start</source>
        <translation>First start</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="654"/>
        <source>Datenbank: {0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/start_sequence.py" line="113"/>
        <source>Unerwarteter Fehler beim Öffnen der Datenbank ({0}).</source>
        <translation>Unexpected error while opening the database ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="668"/>
        <source>Datenbank</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/day.py" line="157"/>
        <source>Termine – {0} – {1}</source>
        <translation>Appointments – {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/day.py" line="162"/>
        <source>Termine werden geladen …</source>
        <translation>Loading appointments …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/day.py" line="190"/>
        <source>{0} Termine · {1} erledigt · {2} storniert</source>
        <translation>{0} appointments · {1} done · {2} cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/day.py" line="214"/>
        <source>Keine Termine am {0}, {1}.</source>
        <translation>No appointments on {0}, {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="211"/>
        <location filename="../../ui/controllers/day.py" line="220"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/day.py" line="242"/>
        <source>Termine konnten nicht geladen werden ({0}).</source>
        <translation>Appointments could not be loaded ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="202"/>
        <source>Termin stornieren</source>
        <translation>Cancel appointment</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="203"/>
        <source>Grund der Stornierung für {0} ({1}):</source>
        <translation>Reason for cancelling {0} ({1}):</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="188"/>
        <source>Der Schritt ist fehlgeschlagen ({0}).</source>
        <translation>The step failed ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="164"/>
        <location filename="../../ui/controllers/clerk_steps.py" line="169"/>
        <source>Nicht erschienen</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="165"/>
        <source>{0} · {1} Uhr · {2} als „nicht erschienen“ vermerken?</source>
        <translation>Mark {0} · {1} · {2} as a no-show?</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/clerk_steps.py" line="232"/>
        <location filename="../../ui/views/main_window.py" line="862"/>
        <source>Nicht möglich</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="419"/>
        <source>&amp;Termin</source>
        <translation>&amp;Appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="427"/>
        <source>&amp;Suchen …</source>
        <translation>&amp;Search …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="435"/>
        <source>Als &amp;Kalenderdatei (.ics) speichern …</source>
        <translation>Save as &amp;calendar file (.ics) …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="439"/>
        <source>Platz &amp;sperren</source>
        <translation>&amp;Lock this desk</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="444"/>
        <source>Bestätigung &amp;drucken …</source>
        <translation>&amp;Print confirmation …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="455"/>
        <source>&amp;Ansicht</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="462"/>
        <source>Termin&amp;details</source>
        <translation>Appointment de&amp;tails</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="463"/>
        <source>Warte&amp;schlange</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="470"/>
        <source>&amp;Hoher Kontrast</source>
        <translation>&amp;High contrast</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="482"/>
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="486"/>
        <source>&amp;Aufrufanzeige öffnen (zweiter Bildschirm)</source>
        <translation>Open the &amp;call display (second screen)</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="70"/>
        <source>&amp;Sprache</source>
        <extracomment>German names of keys, should Qt&apos;s German catalogue be missing.</extracomment>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="77"/>
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="79"/>
        <source>&amp;Tastenkürzel</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="82"/>
        <source>Ü&amp;ber Bürgerdesk …</source>
        <translation>&amp;About Bürgerdesk …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/sign_in.py" line="63"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/sign_in.py" line="83"/>
        <source>Nicht angemeldet</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="141"/>
        <source>← / →  Vortag / Folgetag (im Kalender), Alt+← / Alt+→ überall</source>
        <translation>← / →  previous / next day (in the calendar), Alt+← / Alt+→ anywhere</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="144"/>
        <source>T  Heute · Bild↑ / Bild↓  Woche zurück / vor</source>
        <translation>T  today · PgUp / PgDn  week back / forward</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="147"/>
        <source>Strg+1 / 2 / 3  Tag / Woche / Liste</source>
        <translation>Ctrl+1 / 2 / 3  day / week / list</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="148"/>
        <source>Strg+4 / 5 / 6  Empfang / Termindetails / Warteschlange</source>
        <translation>Ctrl+4 / 5 / 6  Reception / Appointment details / Queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="151"/>
        <source>Umschalt+← / →  anderer Schalter (im Kalender)</source>
        <translation>Shift+← / →  another counter (in the calendar)</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="154"/>
        <source>Strg+N  Neuer Termin · Strg+F  Suchen</source>
        <translation>Ctrl+N  new appointment · Ctrl+F  search</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="160"/>
        <source>Nächste Person aufrufen (Warteschlange)</source>
        <translation>Call the next person (queue)</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="161"/>
        <source>Strg+E  Kalenderdatei · Strg+P  Drucken · F12  Aktualisieren</source>
        <translation>Ctrl+E  calendar file · Ctrl+P  print · F12  refresh</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="165"/>
        <source>Platz sperren (Anmeldung nötig)</source>
        <translation>Lock this desk (sign-in needed)</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="167"/>
        <source>Abgleich und Konflikte</source>
        <translation>Sync and conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/views/window_actions.py" line="177"/>
        <source>Tastenkürzel</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="57"/>
        <source>T&amp;eamleitung</source>
        <translation>T&amp;eam lead</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="59"/>
        <source>&amp;Kapazität planen …</source>
        <translation>&amp;Plan capacity …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="62"/>
        <source>&amp;Protokoll …</source>
        <translation>&amp;Audit log …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="65"/>
        <source>&amp;Statistik …</source>
        <translation>&amp;Statistics …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="68"/>
        <source>&amp;Personalbedarf Sprechstunde …</source>
        <translation>&amp;Walk-in hour staffing …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="73"/>
        <source>&amp;Benutzer verwalten …</source>
        <translation>&amp;Manage users …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="85"/>
        <source>Nur für die Teamleitung (bitte als Teamleitung anmelden)</source>
        <translation>Team lead only (please sign in as a team lead)</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="129"/>
        <source>Verbindung zum zentralen Dienst …</source>
        <translation>Connecting to the central service …</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="140"/>
        <source>Zentraler Dienst</source>
        <translation>Central service</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="141"/>
        <source>Der zentrale Dienst ist nicht erreichbar. Kapazität und Benutzer werden dort geändert, damit das Online-Portal und alle Schalter sie sofort sehen; bitte später erneut versuchen.</source>
        <translation>The central service cannot be reached. Capacity and users are changed there so that the online portal and every counter see them at once; please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="205"/>
        <source>Statistik</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/team_tools.py" line="218"/>
        <source>Personalbedarf Sprechstunde</source>
        <translation>Walk-in hour staffing</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="35"/>
        <source>Text&amp;größe</source>
        <translation>Text &amp;size</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="39"/>
        <source>&amp;100 %</source>
        <translation>&amp;100%</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="40"/>
        <source>12&amp;5 %</source>
        <translation>12&amp;5%</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="41"/>
        <source>15&amp;0 %</source>
        <translation>15&amp;0%</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="42"/>
        <source>&amp;200 %</source>
        <translation>&amp;200%</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="52"/>
        <source>Text grö&amp;ßer</source>
        <translation>&amp;Larger text</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="53"/>
        <source>Text &amp;kleiner</source>
        <translation>S&amp;maller text</translation>
    </message>
    <message>
        <location filename="../../ui/views/text_size_menu.py" line="54"/>
        <source>&amp;Normale Textgröße</source>
        <translation>&amp;Normal text size</translation>
    </message>
</context>
<context>
    <name>MoveInField</name>
    <message>
        <location filename="../../ui/dialogs/move_in_field.py" line="39"/>
        <source>TT.MM.JJJJ</source>
        <translation>DD.MM.YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/move_in_field.py" line="46"/>
        <source>Einzugsdatum (TT.MM.JJJJ)</source>
        <translation>Move-in date (DD.MM.YYYY)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/move_in_field.py" line="60"/>
        <source>Kein gültiges Datum – bitte als TT.MM.JJJJ eingeben.</source>
        <translation>Not a valid date – please enter it as DD.MM.YYYY.</translation>
    </message>
</context>
<context>
    <name>OpeningTab</name>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="49"/>
        <source>Öffnungszeiten je Wochentag und Schalter</source>
        <translation>Opening hours per weekday and counter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="55"/>
        <source>Schalter besetzt</source>
        <translation>Counter staffed</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="62"/>
        <source> Min.</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="70"/>
        <source>Beginn</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="71"/>
        <source>Ende</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="73"/>
        <source>Terminlänge</source>
        <translation>Slot length</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="75"/>
        <source>Dienstleistungen</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_opening_tab.py" line="103"/>
        <source>{0} Min. (stadtweit)</source>
        <translation>{0} min (city-wide)</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <location filename="../../ui/ops.py" line="157"/>
        <source>Unerwarteter Fehler ({0}).</source>
        <extracomment>What an operation changed: a Change, one made from its result, or None (nothing).</extracomment>
        <translation>Unexpected error ({0}).</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/dialogs/users_password.py" line="31"/>
        <source>Passwort setzen</source>
        <translation>Set password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_password.py" line="32"/>
        <location filename="../../ui/dialogs/users_password.py" line="40"/>
        <source>Neues Passwort</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_password.py" line="33"/>
        <location filename="../../ui/dialogs/users_password.py" line="40"/>
        <source>Passwort wiederholen</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_password.py" line="39"/>
        <source>Neues Passwort für {0}</source>
        <translation>New password for {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_password.py" line="57"/>
        <source>Die Passwörter stimmen nicht überein.</source>
        <translation>The passwords do not match.</translation>
    </message>
</context>
<context>
    <name>PolicyTab</name>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="50"/>
        <source>Rollierend: N Tage im Voraus</source>
        <translation>Rolling: N days ahead</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="51"/>
        <source>Wöchentliche Freigabe</source>
        <translation>Weekly release</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="52"/>
        <source>Gestaffelt: frei, dann mit Gebühr</source>
        <translation>Tiered: free, then with a fee</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="53"/>
        <source> Tage</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="59"/>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="60"/>
        <source> Monate</source>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="65"/>
        <source> Min.</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="68"/>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="69"/>
        <source>Online buchbar</source>
        <translation>Bookable online</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="71"/>
        <source>Freigabe am</source>
        <translation>Release on</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="72"/>
        <source>Freigabe um</source>
        <translation>Release at</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="73"/>
        <source>Ohne Gebühr</source>
        <translation>Without fee</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="74"/>
        <source>Mit Gebühr bis</source>
        <translation>With fee up to</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="76"/>
        <source>Gebühr</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="77"/>
        <source>Online-Anteil</source>
        <translation>Online share</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="78"/>
        <source>Vorlauf online</source>
        <translation>Online lead time</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="46"/>
        <source>Vorschau der nächsten 14 Tage</source>
        <translation>Preview of the next 14 days</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="50"/>
        <source>Betroffene Termine</source>
        <translation>Affected appointments</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="55"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="60"/>
        <source>Vorschau: die nächsten 14 Tage</source>
        <translation>Preview: the next 14 days</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="78"/>
        <source>Keine Änderung an den Zahlen</source>
        <translation>No change in the numbers</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="80"/>
        <source>An 1 Tag ändern sich Zahlen (mit * markiert)</source>
        <translation>Numbers change on 1 day (marked with *)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="82"/>
        <source>An {0} Tagen ändern sich Zahlen (mit * markiert)</source>
        <translation>Numbers change on {0} days (marked with *)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="86"/>
        <source>Keine gebuchten Termine betroffen</source>
        <translation>No booked appointments affected</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="88"/>
        <source>1 gebuchter Termin verliert seinen Platz – bitte wählen:</source>
        <translation>1 booked appointment loses its slot – please choose:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_preview_pane.py" line="91"/>
        <source>{0} gebuchte Termine verlieren ihren Platz – bitte je Termin wählen:</source>
        <translation>{0} booked appointments lose their slot – please choose for each appointment:</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="54"/>
        <source>Erneut aufrufen</source>
        <extracomment>A slow fallback for the passing of time (waits, appointments falling due): changes are told by the operations and the sync (ui.changes). (key, German label) of the steps for the ticket at the counter.</extracomment>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="55"/>
        <source>In Bearbeitung</source>
        <translation>In service</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="56"/>
        <source>Erledigt</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="57"/>
        <location filename="../../ui/views/queue_panel.py" line="358"/>
        <location filename="../../ui/views/queue_panel.py" line="360"/>
        <location filename="../../ui/views/queue_panel.py" line="373"/>
        <source>Nicht erschienen</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="58"/>
        <source>Zurückstellen</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="102"/>
        <location filename="../../ui/views/queue_panel.py" line="235"/>
        <source>Niemand aufgerufen</source>
        <extracomment>The steps of the buttons for the current person, by their key in desk&apos;s counter_person.STEPS (&quot;park&quot; is a ticket&apos;s only). Calls the next ticket exactly once across all counters: (office, counter, now, *, user_id) → info.</extracomment>
        <translation>Nobody called</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="116"/>
        <location filename="../../ui/views/queue_panel.py" line="178"/>
        <source>Nächste(n) aufrufen (F9)</source>
        <translation>Call the next person (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="120"/>
        <source>Ruft die nächste Person an diesen Schalter: einen fälligen Termin vor der nächsten Wartenummer. Taste F9.</source>
        <translation>Calls the next person to this counter: an appointment that is due comes before the next ticket. Key F9.</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="133"/>
        <source>Warteschlange</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="136"/>
        <source>Zurückgestellt</source>
        <translation>Parked</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="138"/>
        <source>Wieder einreihen</source>
        <translation>Back into the queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="153"/>
        <source>Zurückgestellt (holen Unterlagen):</source>
        <translation>Parked (fetching documents):</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="212"/>
        <source>ca. {0} min</source>
        <translation>approx. {0} min</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="214"/>
        <source>ca. {0}–{1} min</source>
        <translation>approx. {0}–{1} min</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="216"/>
        <source>{0}{1} · {2}{3} · wartet {4} min · {5}</source>
        <translation>{0}{1} · {2}{3} · waiting {4} min · {5}</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="244"/>
        <source>Außerdem noch offen an diesem Schalter: {0}</source>
        <translation>Also still open at this counter: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="250"/>
        <source>Rückgängig: {0} „nicht erschienen“</source>
        <translation>Undo no-show: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="298"/>
        <source>Erst {0} abschließen (F8) oder zurückstellen, dann aufrufen.</source>
        <translation>First finish {0} (F8) or park it, then call.</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="305"/>
        <source>Nächste(n) aufrufen</source>
        <translation>Call the next person</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="306"/>
        <source>{0} ist noch an diesem Schalter. Was geschieht mit {0}?</source>
        <translation>{0} is still at this counter. What happens to {0}?</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="310"/>
        <source>{0} erledigt, nächste(n) aufrufen</source>
        <translation>{0} done, call the next person</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="312"/>
        <source>{0} zurück in die Warteschlange, nächste(n) aufrufen</source>
        <translation>{0} back into the queue, call the next person</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="359"/>
        <source>{0} als „nicht erschienen“ vermerken?</source>
        <translation>Mark {0} as a no-show?</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="369"/>
        <source>Letzter Aufruf</source>
        <translation>Last call</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="371"/>
        <source>{0} wurde schon {1}-mal erneut aufgerufen. Als „nicht erschienen“ vermerken?</source>
        <translation>{0} has already been called again {1} times. Mark as a no-show?</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="221"/>
        <source>{0} warten</source>
        <translation>{0} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="343"/>
        <source>Aufgerufen: {0}</source>
        <translation>Called: {0}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dialogs/reason_dialog.py" line="21"/>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason_dialog.py" line="43"/>
        <source>Bitte einen Grund angeben.</source>
        <translation>Please give a reason.</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <location filename="../../ui/views/reception_view.py" line="89"/>
        <source>Wartenummer ziehen – Sprechstunde ohne Termin</source>
        <extracomment>A slow fallback for the passing of time (the walk-in hour opening, the arrivals of the next two hours): changes are told by the operations and the sync (ui.changes).</extracomment>
        <translation>Take a number – walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="115"/>
        <source>Termine der nächsten zwei Stunden (Eingabetaste oder Doppelklick meldet an):</source>
        <translation>Appointments of the next two hours (Enter or double click checks in):</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="162"/>
        <source>Buchungsnummer, z. B. 39KJ-TGPT</source>
        <translation>Booking number, e.g. 39KJ-TGPT</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="163"/>
        <source>Buchungsnummer zum Anmelden</source>
        <translation>Booking number to check in</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="169"/>
        <source>Termin:</source>
        <translation>Appointment:</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="101"/>
        <source>Termine der nächsten zwei Stunden</source>
        <translation>Appointments of the next two hours</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="147"/>
        <source>Zieht eine Wartenummer für „{0}“ und druckt sie aus.</source>
        <translation>Draws a ticket for “{0}” and prints it.</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="165"/>
        <source>Mit Termin anmelden</source>
        <translation>Check in with appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="206"/>
        <source>Noch {0} von {1} Wartenummern heute</source>
        <translation>{0} of {1} numbers left today</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="208"/>
        <source>{0} Wartenummern heute</source>
        <translation>{0} numbers today</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="210"/>
        <source>{0} warten</source>
        <translation>{0} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="212"/>
        <source>geschätzte Wartezeit etwa {0} min</source>
        <translation>estimated wait about {0} min</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="215"/>
        <source>geschätzte Wartezeit etwa {0}–{1} min</source>
        <translation>estimated wait about {0}–{1} min</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="263"/>
        <source>Zuletzt: {0} ({1}, {2:%H:%M} Uhr)</source>
        <translation>Last: {0} ({1}, {2:%H:%M})</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="274"/>
        <source>Drucken nicht möglich: {0}</source>
        <translation>Cannot print: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="284"/>
        <source>Bitte die Buchungsnummer eingeben.</source>
        <translation>Please enter the booking number.</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="303"/>
        <source>{0} ist angemeldet.</source>
        <translation>{0} is checked in.</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../ui/refusals.py" line="28"/>
        <source>Bitte einen Namen angeben</source>
        <extracomment>code → German template (the source lupdate collects); fields as in desk&apos;s table.</extracomment>
        <translation>Please enter a name</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="29"/>
        <source>Der Name ist zu lang (höchstens {limit} Zeichen)</source>
        <translation>The name is too long (at most {limit} characters)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="34"/>
        <source>{field:word} ist zu lang (höchstens {limit} Zeichen)</source>
        <translation>{field:word} is too long (at most {limit} characters)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="48"/>
        <source>{field:word} enthält unzulässige Steuerzeichen</source>
        <translation>{field:word} contains control characters that are not allowed</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="52"/>
        <source>der Termin {when:datetime} ist bereits vergeben</source>
        <translation>the appointment at {when:datetime} is already taken</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="53"/>
        <source>der Termin {when:datetime} wurde soeben vergeben</source>
        <translation>the appointment at {when:datetime} was just taken</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="58"/>
        <source>um {when:datetime} beginnt kein Termin für {service} in {office_id}</source>
        <translation>no appointment for {service} starts at {when:datetime} in {office_id}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="62"/>
        <source>der Termin {when:datetime} liegt in der Vergangenheit</source>
        <translation>the appointment at {when:datetime} is in the past</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="67"/>
        <source>{when:datetime} ist online ausgebucht; weitere Termine telefonisch oder am Schalter</source>
        <translation>{when:datetime} is fully booked online; more appointments by phone or at the counter</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="71"/>
        <source>Unbekannter Buchungscode {code!r}</source>
        <translation>Unknown booking code {code!r}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="72"/>
        <source>Die Buchung {code} ist bereits storniert</source>
        <translation>Booking {code} is already cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="73"/>
        <source>Die Buchung {code} kann nicht mehr storniert werden</source>
        <translation>Booking {code} can no longer be cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="77"/>
        <source>Unbekannter Standort {office_id!r} (vorhanden: {known})</source>
        <translation>Unknown office {office_id!r} (known: {known})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="81"/>
        <source>Unbekannter Standort {office_id!r}</source>
        <translation>Unknown office {office_id!r}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="82"/>
        <source>Dienstleistung {service!r} gibt es in {office_id} nicht (angeboten: {offered})</source>
        <translation>Service {service!r} is not offered in {office_id} (offered: {offered})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="86"/>
        <source>Der Grund ist zu lang (höchstens {limit} Zeichen)</source>
        <translation>The reason is too long (at most {limit} characters)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="90"/>
        <source>Bitte einen Grund für die Stornierung angeben</source>
        <translation>Please give a reason for the cancellation</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="94"/>
        <source>Den Termin {id} gibt es nicht (mehr)</source>
        <translation>Appointment {id} does not exist (any more)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="95"/>
        <source>Termin {code} ist „{status:status}“ – „{step:word}“ ist von dort aus nicht möglich</source>
        <translation>Appointment {code} is “{status:status}” – “{step:word}” is not possible from there</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="119"/>
        <source>Zum Aufrufen zuerst einen Schalter wählen</source>
        <translation>Choose a counter first to call</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="120"/>
        <source>Unbekannter Schalter {counter} in {office_id}</source>
        <translation>Unknown counter {counter} in {office_id}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="124"/>
        <source>Keinen Termin mit der Buchungsnummer {code} gefunden</source>
        <translation>No appointment with booking number {code} found</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="128"/>
        <source>Keinen Termin heute mit der Buchungsnummer {code} gefunden</source>
        <translation>No appointment today with booking number {code} found</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="132"/>
        <source>Benutzername oder Passwort falsch</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="133"/>
        <source>Dieses Konto ist gesperrt; bitte die Teamleitung fragen</source>
        <translation>This account is locked; please ask the team lead</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="137"/>
        <source>Sitzung abgelaufen – bitte neu anmelden</source>
        <translation>Session expired – please sign in again</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="138"/>
        <source>Eine Sitzung muss eine Weile gültig sein</source>
        <translation>A session must be valid for a while</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="139"/>
        <source>An einer Aufrufanzeige meldet sich niemand an</source>
        <translation>Nobody signs in at a call display</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="143"/>
        <source>Am Online-Portal meldet sich kein Benutzer an</source>
        <translation>No user signs in at the online portal</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="147"/>
        <source>Benutzername oder Passwort falsch (der zentrale Dienst ist nicht erreichbar: offline kann sich nur anmelden, wer sich an diesem PC schon einmal angemeldet hat)</source>
        <translation>Wrong user name or password (the central service cannot be reached: offline, only someone who has signed in on this PC before can sign in)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="153"/>
        <source>Gerät nicht angemeldet oder gesperrt</source>
        <translation>Device not enrolled or revoked</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="154"/>
        <source>Anmeldecode ungültig oder abgelaufen</source>
        <translation>Enrolment code invalid or expired</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="155"/>
        <source>Zu viele Fehlversuche an diesem Gerät: Anmeldung wieder ab {until:time} Uhr möglich</source>
        <translation>Too many failed attempts on this device: sign-in possible again from {until:time}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="159"/>
        <source>Konto nach {failures} Fehlversuchen gesperrt bis {until:time} Uhr; die Teamleitung kann die Sperre aufheben</source>
        <translation>Account locked after {failures} failed attempts until {until:time}; the team lead can lift the lock</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="164"/>
        <source>Zu viele Fehlversuche: bitte {seconds} s warten und erneut versuchen</source>
        <translation>Too many failed attempts: please wait {seconds} s and try again</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="168"/>
        <source>{action:word}: unbekannter oder gesperrter Benutzer</source>
        <translation>{action:word}: unknown or locked user</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="172"/>
        <source>{action:word} darf nur die Teamleitung ({name} ist Sachbearbeitung)</source>
        <translation>{action:word}: only the team lead may do this ({name} is a clerk)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="176"/>
        <source>Unbekannter Benutzer {username!r}</source>
        <translation>Unknown user {username!r}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="177"/>
        <source>Unbekannter Benutzer {id}</source>
        <translation>Unknown user {id}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="187"/>
        <source>Dieser Termin ist bereits freigegeben</source>
        <translation>This slot is already released</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="188"/>
        <source>Zusätzliche Termine können nur für heute freigegeben werden</source>
        <translation>Extra slots can only be released for today</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="192"/>
        <source>Der Termin hat bereits begonnen</source>
        <translation>The slot has already begun</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="193"/>
        <source>An Schalter {counter} beginnt um {at:time} kein Termin</source>
        <translation>No slot starts at counter {counter} at {at:time}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="197"/>
        <source>Heute gibt es an diesen Schaltern keinen Termin mehr freizugeben</source>
        <translation>There are no more slots to release at these counters today</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="201"/>
        <source>Mindestens einer dieser Termine ist bereits freigegeben</source>
        <translation>At least one of these slots is already released</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="205"/>
        <source>{count} Termin(e) verlieren durch die Änderung ihren Platz ({codes}): bitte für jeden »Verschieben« oder »Behalten« wählen</source>
        <translation>{count} appointment(s) lose their place through the change ({codes}): please choose “Move” or “Keep” for each</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="210"/>
        <source>Termin {code} kann nicht auf {to:datetime} verschoben werden: dort ist kein passender Platz frei</source>
        <translation>Appointment {code} cannot be moved to {to:datetime}: no suitable slot is free there</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="215"/>
        <source>Es gibt keine Änderung zu speichern</source>
        <translation>There is no change to save</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="216"/>
        <source>Unbekannter Grund {reason!r} (möglich: {known})</source>
        <translation>Unknown reason {reason!r} (possible: {known})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="33"/>
        <source>Der Name {problem:reason}</source>
        <translation>The name {problem:reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="38"/>
        <source>Bitte den Namen angeben.</source>
        <translation>Please enter the name.</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="39"/>
        <source>Höchstens {limit} Zeichen.</source>
        <translation>At most {limit} characters.</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="40"/>
        <source>Der Name {problem:reason}.</source>
        <translation>The name {problem:reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="41"/>
        <source>Bitte nur Ziffern, Leerzeichen, + - / ( ) – z. B. 0345 123456.</source>
        <translation>Only digits, spaces, + - / ( ) please – e.g. 0345 123456.</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="44"/>
        <source>Keine gültige E-Mail-Adresse (z. B. name@beispiel.de).</source>
        <translation>Not a valid e-mail address (e.g. name@example.org).</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="47"/>
        <source>Enthält unzulässige Steuerzeichen.</source>
        <translation>Contains control characters that are not allowed.</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="57"/>
        <source>am {day:date} ist {office} {closed:reason}</source>
        <translation>on {day:date} {office} is {closed:reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="66"/>
        <source>{when:datetime}: {reason:reason}</source>
        <translation>{when:datetime}: {reason:reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="99"/>
        <source>Termin {code} beginnt erst um {starts:time} – „nicht erschienen“ erst ab dann</source>
        <translation>Appointment {code} does not start until {starts:time} – a no-show only from then on</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="103"/>
        <location filename="../../ui/refusals.py" line="111"/>
        <source>„Nicht erschienen“ für {code} lässt sich nur {minutes} Minuten lang zurücknehmen</source>
        <translation>The no-show of {code} can only be taken back within {minutes} minutes</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="107"/>
        <source>„Nicht erschienen“ für {code} kann nur zurücknehmen, wer es vermerkt hat</source>
        <translation>The no-show of {code} can only be taken back by whoever recorded it</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="115"/>
        <source>{code}: „nicht erschienen“ erst nach {limit} erneuten Aufrufen (bisher {count})</source>
        <translation>{code}: a no-show only after {limit} repeated calls (so far {count})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="178"/>
        <source>Von diesem PC aus nur Benutzer von {office}; andere Standorte und stadtweite Konten verwaltet die Verwaltung am Server</source>
        <translation>From this PC, only users of {office}; other offices and city-wide accounts are managed by the administration on the server</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="183"/>
        <source>Benutzer anderer Standorte verwaltet die Teamleitung dort</source>
        <translation>Users of other offices are managed by the team lead there</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="220"/>
        <source>Keine Wartenummer: {reason:reason}</source>
        <translation>No ticket: {reason:reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="221"/>
        <source>Die Wartenummer wurde gleichzeitig vergeben; bitte erneut</source>
        <translation>The ticket number was taken at the same moment; please try again</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="225"/>
        <source>Zu dieser Anfrage gibt es bereits die Wartenummer {code}</source>
        <translation>This request already has ticket {code}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="229"/>
        <source>Keine Wartenummern: für heute ist an diesem Platz kein Nummernblock reserviert (erst mit der zentralen Datenbank verbinden)</source>
        <translation>No tickets: no number block is reserved for this PC today (connect to the central service first)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="234"/>
        <source>Keine Wartenummern: der Nummernblock dieses Platzes ist aufgebraucht</source>
        <translation>No tickets: this PC&apos;s number block is used up</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="238"/>
        <source>Keine eigenen Wartenummern in {office_id} (offline)</source>
        <translation>No tickets of this PC in {office_id} (offline)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="242"/>
        <source>Keine wartende Wartenummer in {office_id}</source>
        <translation>No ticket waiting in {office_id}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="243"/>
        <source>Unbekannter Schalter {counter} in {office_id} (vorhanden: {known})</source>
        <translation>Unknown counter {counter} in {office_id} (existing: {known})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="247"/>
        <source>Die Wartenummer {id} gibt es nicht (mehr)</source>
        <translation>Ticket {id} does not exist (any more)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="248"/>
        <source>Wartenummer {code} ist „{status:word}“ – „{step:word}“ ist von dort aus nicht möglich</source>
        <translation>Ticket {code} is “{status:word}” – “{step:word}” is not possible from there</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="252"/>
        <source>Wartenummer {code} ist vom {day:date} – nur Wartenummern von heute können wieder eingereiht werden</source>
        <translation>Ticket {code} is from {day:date} – only today&apos;s tickets can be put back in the queue</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="257"/>
        <source>{code} ist zentral inzwischen „{status:word}“ – „{step:word}“ dieses Platzes wurde nicht übernommen</source>
        <translation>{code} is now “{status:word}” centrally – this counter&apos;s “{step:word}” was not taken over</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="262"/>
        <source>Zum erneuten Aufrufen zuerst einen Schalter wählen</source>
        <translation>Choose a counter first to call again</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="266"/>
        <source>Wartenummer {code} ist zu {where} aufgerufen – erneut aufrufen nur von dort</source>
        <translation>Ticket {code} is called to {where} – call again only from there</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="270"/>
        <source>Der Zeitraum beginnt ({first:date}) nach seinem Ende ({last:date})</source>
        <translation>The period begins ({first:date}) after its end ({last:date})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="274"/>
        <source>Der Zeitraum ist zu lang (höchstens {limit} Tage)</source>
        <translation>The period is too long (at most {limit} days)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="278"/>
        <source>{office} hat keine Sprechstunde ohne Termin</source>
        <translation>{office} has no walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="279"/>
        <source>Die Zahl der Schalter muss eine ganze Zahl ab {minimum} sein, nicht {value}</source>
        <translation>The number of counters must be a whole number from {minimum}, not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="283"/>
        <source>{what:word} muss eine Zahl ab {minimum} sein, nicht {value}</source>
        <translation>{what:word} must be a number from {minimum}, not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="287"/>
        <source>{what:word} muss größer als 0 sein, nicht {value}</source>
        <translation>{what:word} must be greater than 0, not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="291"/>
        <source>Der Zielanteil muss zwischen 0 und 100 % liegen (ausschließlich), nicht {value}</source>
        <translation>The target share must be between 0 and 100 % (exclusive), not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="295"/>
        <source>Die Schwelle muss größer als 0 Minuten sein, nicht {value}</source>
        <translation>The threshold must be more than 0 minutes, not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="299"/>
        <source>Der Zielanteil muss zwischen 0 und 100 % liegen, nicht {value}</source>
        <translation>The target share must be between 0 and 100 %, not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="303"/>
        <source>Zeitraum: 1 bis 52 Wochen, nicht {value}</source>
        <translation>Period: 1 to 52 weeks, not {value}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="307"/>
        <source>Unbekannte Operation {kind!r}</source>
        <translation>Unknown operation {kind!r}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="311"/>
        <source>Diese Operations-Id gehört zu einem anderen Gerät</source>
        <translation>This operation id belongs to another device</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="315"/>
        <source>Die Änderung widerspricht dem Stand der zentralen Datenbank</source>
        <translation>The change contradicts the state of the central database</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="319"/>
        <source>Ein Gerät der Art {kind} darf „{op}“ nicht ausführen</source>
        <translation>A device of kind {kind} may not carry out “{op}”</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="323"/>
        <source>Ungültiger Benutzer in der Operation</source>
        <translation>Invalid user in the operation</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="327"/>
        <source>Der Benutzer dieser Operation hat sich an diesem Gerät nie angemeldet</source>
        <translation>The user of this operation has never signed in on this device</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="331"/>
        <source>Ungültige Angabe {key!r} in der Operation</source>
        <translation>Invalid value {key!r} in the operation</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="335"/>
        <source>Dieses Gerät gehört zu einem anderen Standort</source>
        <translation>This device belongs to another office</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="339"/>
        <source>Dieses Gerät ist für Schalter {registered} angemeldet, nicht für Schalter {number}</source>
        <translation>This device is registered for counter {registered}, not for counter {number}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="343"/>
        <source>Ein Schalter bucht am Schalter oder telefonisch, nicht als Portal</source>
        <translation>A counter books at the counter or by phone, not as the portal</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="347"/>
        <source>Ungültige Zeitangabe in der Buchung</source>
        <translation>Invalid time in the booking</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="351"/>
        <source>Unbekannter Schritt in der Operation</source>
        <translation>Unknown step in the operation</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="355"/>
        <source>Am Empfang können Termine nur eingecheckt werden</source>
        <translation>At reception, appointments can only be checked in</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="359"/>
        <source>Unbekannter Grund der Wartenummer</source>
        <translation>Unknown reason for the ticket</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="363"/>
        <source>Den Termin gibt es in der zentralen Datenbank nicht</source>
        <translation>The appointment does not exist in the central database</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="367"/>
        <source>Wartenummer {number}: nicht aus dem heutigen Nummernblock dieses Geräts</source>
        <translation>Ticket number {number}: not from this device&apos;s number block for today</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="371"/>
        <source>{code}: das Tageskontingent von {quota} war zentral bereits ausgeschöpft</source>
        <translation>{code}: the day&apos;s quota of {quota} was already used up centrally</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="375"/>
        <source>Aufruf einer zentral nicht ausgegebenen Wartenummer</source>
        <translation>Call of a ticket the central service never issued</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="379"/>
        <source>{code} wurde bereits an einem anderen Schalter aufgerufen (Doppelaufruf)</source>
        <translation>{code} was already called at another counter (double call)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="383"/>
        <source>Schritt für eine zentral nicht vorhandene Wartenummer</source>
        <translation>Step for a ticket the central database does not have</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="387"/>
        <source>enthält ungültige Zeichen (kein gültiges UTF-8)</source>
        <translation>contains invalid characters (not valid UTF-8)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="391"/>
        <source>enthält Steuerzeichen der Schreibrichtung ({chars})</source>
        <translation>contains writing-direction control characters ({chars})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="395"/>
        <source>enthält unzulässige Steuerzeichen</source>
        <translation>contains control characters that are not allowed</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="399"/>
        <source>besteht nur aus unsichtbaren Zeichen</source>
        <translation>consists of invisible characters only</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="403"/>
        <source>Feiertag ({name})</source>
        <translation>closed for a public holiday ({name})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="407"/>
        <source>geschlossen ({name})</source>
        <translation>closed ({name})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="411"/>
        <source>keine Öffnungszeiten</source>
        <translation>no opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="415"/>
        <source>für diesen Standort gibt es keine Online-Buchung</source>
        <translation>this office has no online booking</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="419"/>
        <source>der Termin liegt in der Vergangenheit</source>
        <translation>the appointment is in the past</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="423"/>
        <source>zu kurzfristig: online mindestens {minutes} Minuten vorher</source>
        <translation>too short notice: online at least {minutes} minutes ahead</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="427"/>
        <source>außerhalb des Buchungsfensters: online buchbar bis {last:date}</source>
        <translation>outside the booking window: bookable online until {last:date}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="431"/>
        <source>noch nicht freigegeben: die Woche wird am {at:weekday} {at:date} um {at:time} Uhr freigeschaltet</source>
        <translation>not released yet: the week opens on {at:weekday} {at:date} at {at:time}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="436"/>
        <source>unbekannte Art von Buchungsfenster {kind}</source>
        <translation>unknown kind of booking window {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="440"/>
        <source>dieser Standort bietet keine Sprechstunde ohne Termin an</source>
        <translation>this office has no walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="444"/>
        <source>heute keine Sprechstunde: {closed:reason}</source>
        <translation>no walk-in hour today: {closed:reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="448"/>
        <source>außerhalb der Öffnungszeiten</source>
        <translation>outside opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="452"/>
        <source>die Sprechstunde ohne Termin ist Montag bis Freitag</source>
        <translation>the walk-in hour is Monday to Friday</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="456"/>
        <source>die Sprechstunde ohne Termin ist von {start:time} bis {end:time} Uhr</source>
        <translation>the walk-in hour is from {start:time} to {end:time}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="460"/>
        <source>das Tageskontingent von {quota} Wartenummern ist ausgeschöpft</source>
        <translation>the day&apos;s quota of {quota} tickets is used up</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="464"/>
        <source>Wochentag {weekday} gibt es nicht (0 = Montag … 6 = Sonntag)</source>
        <translation>Weekday {weekday} does not exist (0 = Monday … 6 = Sunday)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="468"/>
        <source>Schalter {counter} gibt es an diesem Standort nicht</source>
        <translation>Counter {counter} does not exist at this office</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="472"/>
        <source>Ende {ends:time} liegt nicht nach Beginn {starts:time}</source>
        <translation>End {ends:time} is not after start {starts:time}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="476"/>
        <source>Die Terminlänge muss größer als 0 Minuten sein</source>
        <translation>The slot length must be more than 0 minutes</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="480"/>
        <source>Die Terminlänge {minutes} Min. passt nicht in die Öffnungszeit</source>
        <translation>A slot of {minutes} min does not fit into the opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="484"/>
        <source>Dienstleistung {services} bietet der Standort nicht an</source>
        <translation>The office does not offer the service {services}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="488"/>
        <source>Die Zeiten {first_opens:time}–{first_closes:time} und {second_opens:time}–{second_closes:time} an Schalter {counter} überschneiden sich</source>
        <translation>The times {first_opens:time}–{first_closes:time} and {second_opens:time}–{second_closes:time} at counter {counter} overlap</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="494"/>
        <source>Der Online-Anteil muss 0 bis 100 % sein</source>
        <translation>The online share must be 0 to 100 %</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="498"/>
        <source>Die Vorlaufzeit darf nicht negativ sein</source>
        <translation>The lead time must not be negative</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="502"/>
        <source>Bitte angeben, wie viele Tage im Voraus (0 oder mehr)</source>
        <translation>Please say how many days ahead (0 or more)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="506"/>
        <source>Bitte den Wochentag der Freigabe wählen</source>
        <translation>Please choose the weekday of the release</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="510"/>
        <source>Bitte die Uhrzeit der Freigabe angeben</source>
        <translation>Please give the time of the release</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="514"/>
        <source>Bitte die Monate ohne Gebühr angeben</source>
        <translation>Please give the months without a fee</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="518"/>
        <source>Die Monate mit Gebühr müssen mindestens so viele sein wie die ohne</source>
        <translation>The months with a fee must be at least as many as those without</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="522"/>
        <source>Die Gebühr darf nicht negativ sein</source>
        <translation>The fee must not be negative</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="526"/>
        <source>Das Kontingent darf nicht negativ sein</source>
        <translation>The quota must not be negative</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="530"/>
        <source>F9 bei besetztem Schalter: bitte nachfragen oder ablehnen</source>
        <translation>F9 with someone at the counter: please choose ask or refuse</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="534"/>
        <source>Bitte Beginn und Ende der Sprechstunde angeben</source>
        <translation>Please give the start and the end of the walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="538"/>
        <source>Das Ende {ends:date} liegt vor dem Beginn {starts:date}</source>
        <translation>The end {ends:date} is before the start {starts:date}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="542"/>
        <source>Eine Schließzeit in der Vergangenheit hat keine Wirkung</source>
        <translation>A closure in the past has no effect</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="546"/>
        <source>Bitte einen Grund für die Schließzeit angeben</source>
        <translation>Please give a reason for the closure</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="550"/>
        <source>Schalter {counter} gibt es hier nicht</source>
        <translation>Counter {counter} does not exist here</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="554"/>
        <source>Gültig ab {day:date} liegt in der Vergangenheit; frühestens heute</source>
        <translation>Valid from {day:date} is in the past; today at the earliest</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="558"/>
        <source>Öffnungszeit gehört zu keiner geänderten Zelle</source>
        <translation>These opening hours belong to no changed cell</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="562"/>
        <source>Diese Schließzeit gibt es nicht (mehr)</source>
        <translation>This closure does not exist (any more)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="566"/>
        <source>Benutzername: {low} bis {high} Zeichen nötig (jetzt {now})</source>
        <translation>User name: {low} to {high} characters needed (now {now})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="570"/>
        <source>Benutzername: nur Buchstaben a–z, Ziffern und . - _ (keine Leerzeichen, keine Umlaute)</source>
        <translation>User name: only letters a–z, digits and . - _ (no spaces, no umlauts)</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="574"/>
        <source>Name: bitte angeben</source>
        <translation>Name: please enter one</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="578"/>
        <source>Name: höchstens {limit} Zeichen</source>
        <translation>Name: at most {limit} characters</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="582"/>
        <source>Name: {problem:reason}</source>
        <translation>Name: {problem:reason}</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="586"/>
        <source>Rolle: unbekannt {role!r} (möglich: {known})</source>
        <translation>Role: unknown {role!r} (possible: {known})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="590"/>
        <source>Passwort: mindestens {limit} Zeichen nötig</source>
        <translation>Password: at least {limit} characters needed</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="594"/>
        <source>Passwort: höchstens {limit} Zeichen</source>
        <translation>Password: at most {limit} characters</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="598"/>
        <source>Passwort: darf nicht der Benutzername sein</source>
        <translation>Password: must not be the user name</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="602"/>
        <source>Passwort: zu häufig verwendet und leicht zu erraten; bitte ein anderes</source>
        <translation>Password: too common and easy to guess; please choose another</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="606"/>
        <source>Standort: unbekannt {office_id!r} (vorhanden: {known})</source>
        <translation>Office: unknown {office_id!r} (known: {known})</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="610"/>
        <source>Benutzername: {username!r} ist schon vergeben</source>
        <translation>User name: {username!r} is already taken</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="614"/>
        <source>{username} ist die letzte aktive Teamleitung und kann weder gesperrt noch zur Sachbearbeitung gemacht werden; zuerst eine andere Teamleitung anlegen</source>
        <translation>{username} is the last active team lead and can be neither locked nor made a clerk; create another team lead first</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="676"/>
        <source>%d.%m.%Y</source>
        <translation>%d/%m/%Y</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="677"/>
        <source>%d.%m.%Y %H:%M</source>
        <translation>%d/%m/%Y %H:%M</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="678"/>
        <source>%H:%M</source>
        <translation>%H:%M</translation>
    </message>
</context>
<context>
    <name>ReleaseTab</name>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="264"/>
        <source>Gibt alle heute noch freien Termine der gewählten Schalter zusätzlich für das Online-Portal frei (unabhängig von Buchungsfenster und Online-Anteil).</source>
        <translation>Releases all of today’s remaining free slots at the chosen counters to the online portal in addition (regardless of booking window and online share).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="273"/>
        <source>Restliche Termine heute freigeben</source>
        <translation>Release today’s remaining slots</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="288"/>
        <source>Schalter {0}</source>
        <translation>Counter {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="294"/>
        <source>Bitte mindestens einen Schalter wählen</source>
        <translation>Please choose at least one counter</translation>
    </message>
</context>
<context>
    <name>RowTableModel</name>
    <message>
        <location filename="../../ui/models/row_table.py" line="86"/>
        <source>keine Angabe</source>
        <translation>not given</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="63"/>
        <source>Termin suchen – {0}</source>
        <translation>Find an appointment – {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="67"/>
        <source>Buchungsnummer (z. B. 39KJ-TGPT) oder Name</source>
        <translation>Booking number (e.g. 39KJ-TGPT) or name</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="68"/>
        <source>Suchbegriff löschen</source>
        <translation>Clear search term</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="69"/>
        <source>Suchbegriff</source>
        <translation>Search text</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="72"/>
        <location filename="../../ui/dialogs/search_dialog.py" line="121"/>
        <source>Mindestens zwei Zeichen eingeben.</source>
        <translation>Type at least two characters.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="91"/>
        <source>Treffer</source>
        <translation>Hits</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="123"/>
        <source>Kein Termin gefunden.</source>
        <translation>No appointment found.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="127"/>
        <source>Die ersten {0} Treffer (anstehende zuerst) – bitte genauer suchen.</source>
        <translation>The first {0} hits (upcoming first) – please narrow the search.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="132"/>
        <source>{0} Treffer – Eingabe oder Doppelklick öffnet den Tag.</source>
        <translation>{0} hits – Enter or a double click opens the day.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="139"/>
        <source>Die Suche ist fehlgeschlagen ({0}).</source>
        <translation>The search failed ({0}).</translation>
    </message>
</context>
<context>
    <name>SearchHitsModel</name>
    <message>
        <location filename="../../ui/models/search_model.py" line="28"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/search_model.py" line="29"/>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/models/search_model.py" line="30"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/models/search_model.py" line="31"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/search_model.py" line="32"/>
        <source>Buchungscode</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <location filename="../../ui/models/search_model.py" line="33"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/search_model.py" line="34"/>
        <source>Dienstleistung</source>
        <translation>Service</translation>
    </message>
</context>
<context>
    <name>SlotPicker</name>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="74"/>
        <source>Tag des Termins</source>
        <translation>Day of the appointment</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="78"/>
        <source>Vortag</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="79"/>
        <source>Nächster Tag</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="81"/>
        <source>Freie Termine</source>
        <translation>Free slots</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="95"/>
        <source>&amp;Tag:</source>
        <translation>Da&amp;y:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="135"/>
        <source>&amp;Freie Termine am {0}:</source>
        <translation>&amp;Free slots on {0}:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="147"/>
        <source>Freie Termine werden gesucht …</source>
        <translation>Looking for free slots …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="161"/>
        <source>{0}–{1} · Schalter {2}</source>
        <translation>{0}–{1} · counter {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_slots.py" line="171"/>
        <source>An diesem Tag ist kein Termin frei.</source>
        <translation>No slot is free on this day.</translation>
    </message>
</context>
<context>
    <name>StaffingModel</name>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="31"/>
        <source>1 Wartenummer</source>
        <translation>1 ticket</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="33"/>
        <source>{0} Wartenummern</source>
        <translation>{0} tickets</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="35"/>
        <source>{0} an 1 Sprechstunde</source>
        <translation>{0} in 1 walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="36"/>
        <source>{0} an {1} Sprechstunden</source>
        <translation>{0} in {1} walk-in hours</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="54"/>
        <source>Wochentag</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="55"/>
        <source>Ankünfte
je Stunde</source>
        <translation>Arrivals
per hour</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="56"/>
        <source>Mittlere
Bearbeitungszeit</source>
        <translation>Mean
service time</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="57"/>
        <source>Geplante
Schalter</source>
        <translation>Planned
counters</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="58"/>
        <source>Benötigte
Schalter</source>
        <translation>Needed
counters</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="59"/>
        <source>Anteil ≤ {0} min
mit geplanten Schaltern</source>
        <translation>Share ≤ {0} min
with planned counters</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="60"/>
        <source>Bewertung</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="113"/>
        <source>keine Daten</source>
        <translation>no data</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="117"/>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="122"/>
        <source>{0} (Standard)</source>
        <translation>{0} (default)</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="125"/>
        <source>mehr als {0}</source>
        <translation>more than {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="130"/>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="135"/>
        <source>{0} – überlastet</source>
        <translation>{0} – overloaded</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="137"/>
        <source>⚠ unterbesetzt</source>
        <translation>⚠ understaffed</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="138"/>
        <source>✓ ausreichend</source>
        <translation>✓ sufficient</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="145"/>
        <source>; an 1 Tag war das Kontingent ausgeschöpft</source>
        <translation>; the quota was used up on 1 day</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="149"/>
        <source>; an {0} Tagen war das Kontingent ausgeschöpft</source>
        <translation>; the quota was used up on {0} days</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="155"/>
        <source>gemessen an 1 erledigten Wartenummer</source>
        <translation>measured on 1 completed ticket</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="159"/>
        <source>gemessen an {0} erledigten Wartenummern</source>
        <translation>measured on {0} completed tickets</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="162"/>
        <source>keine erledigte Wartenummer: Standardwert des Standorts</source>
        <translation>no completed ticket: the office’s default</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="167"/>
        <source>kein Sprechstundentag in den nächsten Wochen</source>
        <translation>no walk-in hour in the coming weeks</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="170"/>
        <source>laut Öffnungszeiten am {0}</source>
        <translation>according to the opening hours on {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="175"/>
        <source>Im Mittel kommt mehr Arbeit an, als 1 Schalter schafft: die Warteschlange wächst, solange die Sprechstunde dauert</source>
        <translation>On average more work arrives than 1 counter can handle: the queue grows for as long as the walk-in hour lasts</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="180"/>
        <source>Im Mittel kommt mehr Arbeit an, als {0} Schalter schaffen: die Warteschlange wächst, solange die Sprechstunde dauert</source>
        <translation>On average more work arrives than {0} counters can handle: the queue grows for as long as the walk-in hour lasts</translation>
    </message>
    <message>
        <location filename="../../ui/models/staffing_model.py" line="186"/>
        <source>Verkehrsangebot {0} Erlang (im Mittel belegte Schalter)</source>
        <translation>Offered traffic {0} erlang (counters busy on average)</translation>
    </message>
</context>
<context>
    <name>StaffingPanel</name>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="119"/>
        <source>Zielanteil in Prozent</source>
        <translation>Target share in percent</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="124"/>
        <source>Schwelle der Wartezeit in Minuten</source>
        <translation>Waiting time threshold in minutes</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="126"/>
        <source>Ziel:</source>
        <translation>Goal:</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="128"/>
        <source>der Wartenden warten höchstens</source>
        <translation>of those waiting wait at most</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="137"/>
        <source>Personalbedarf je Wochentag</source>
        <translation>Staffing need per weekday</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="84"/>
        <source>Modell: Erlang C (Warteschlange M/M/c) – zufällige Ankünfte mit der gemessenen Rate, Bearbeitungszeiten zufällig um den gemessenen Mittelwert, eine gemeinsame Warteschlange, niemand geht vorzeitig, eingeschwungener Zustand. Benötigt ist die kleinste Schalterzahl, bei der mindestens der Zielanteil nicht länger als die Schwelle wartet; Pausen und Ausfälle sind nicht eingerechnet.</source>
        <translation>Model: Erlang C (M/M/c queue) – random arrivals at the measured rate, service times random around the measured mean, one shared queue, nobody leaves early, steady state. Needed is the smallest number of counters at which at least the target share waits no longer than the threshold; breaks and absences are not included.</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="173"/>
        <source>Lade Messwerte …</source>
        <translation>Loading measurements …</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="199"/>
        <source>Personalbedarf Sprechstunde – {0}</source>
        <translation>Walk-in hour staffing – {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="204"/>
        <source>Sprechstunde {0}–{1} Uhr, Wartenummern vom {2} bis {3} (höchstens {4} Wochen zurück, ohne Feiertage und Schließtage)</source>
        <translation>Walk-in hour {0}–{1}, tickets from {2} to {3} (at most {4} weeks back, excluding public holidays and closure days)</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="222"/>
        <source>Die Auswertung ist fehlgeschlagen ({0})</source>
        <translation>The analysis failed ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="243"/>
        <source>⚠ Unterbesetzt: {0}</source>
        <translation>⚠ Understaffed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="245"/>
        <source>✓ An keinem Tag unterbesetzt</source>
        <translation>✓ Not understaffed on any day</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="247"/>
        <source>Keine Wartenummern im Messzeitraum</source>
        <translation>No tickets in the measured period</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="250"/>
        <source>Kontingent teils ausgeschöpft: die Nachfrage war höher als gemessen</source>
        <translation>Quota partly used up: demand was higher than measured</translation>
    </message>
    <message>
        <location filename="../../ui/views/staffing_panel.py" line="254"/>
        <source>Bearbeitungszeit teils Standardwert (keine erledigten Wartenummern)</source>
        <translation>Service time partly the default (no completed tickets)</translation>
    </message>
</context>
<context>
    <name>StatisticsCharts</name>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="31"/>
        <source>gebucht online</source>
        <extracomment>(key, label, colour) of the bars per day.</extracomment>
        <translation>booked online</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="32"/>
        <source>gebucht intern</source>
        <translation>booked internally</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="33"/>
        <source>erledigt</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="34"/>
        <source>nicht erschienen</source>
        <translation>no-show</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="38"/>
        <source>Wartenummer Ø</source>
        <extracomment>(key, label, colour, dashed) of the wait lines.</extracomment>
        <translation>Ticket mean</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="39"/>
        <source>Wartenummer P90</source>
        <translation>Ticket P90</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="40"/>
        <source>Termin Ø</source>
        <translation>Appointment mean</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="41"/>
        <source>Termin P90</source>
        <translation>Appointment P90</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="70"/>
        <source>ab {0}</source>
        <translation>{0} or more</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="100"/>
        <source>Grafik. Die Summen des Zeitraums stehen in der Tabelle daneben.</source>
        <translation>Chart. The period&apos;s totals are in the table beside it.</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="114"/>
        <source>Termine je Tag</source>
        <translation>Appointments per day</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="153"/>
        <source>Wartezeiten je Tag (Minuten)</source>
        <translation>Waiting times per day (minutes)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="221"/>
        <source>Je Uhrzeit (Beginn bzw. Ausgabe)</source>
        <translation>By time of day (start or issue)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="232"/>
        <source>Termine</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="234"/>
        <source>Wartenummern</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="249"/>
        <source>Online gebucht … Tage im Voraus</source>
        <translation>Booked online … days ahead</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_charts.py" line="253"/>
        <location filename="../../ui/views/statistics_charts.py" line="257"/>
        <source>Online-Buchungen</source>
        <translation>Online bookings</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="117"/>
        <source>Standort</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="122"/>
        <source>Erster Tag</source>
        <translation>First day</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="123"/>
        <source>Letzter Tag</source>
        <translation>Last day</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="124"/>
        <source>&amp;Anzeigen</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="125"/>
        <source>CSV e&amp;xportieren …</source>
        <translation>E&amp;xport CSV …</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="128"/>
        <source>Standort:</source>
        <translation>Office:</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="132"/>
        <source>von</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="134"/>
        <source>bis</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="144"/>
        <source>Summen des Zeitraums</source>
        <translation>Totals for the period</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="163"/>
        <source>Uhrzeiten</source>
        <translation>Times of day</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="164"/>
        <source>Vorlauf online</source>
        <translation>Online lead time</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="204"/>
        <source>Wird berechnet …</source>
        <translation>Calculating …</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="243"/>
        <source>Die Statistik konnte nicht berechnet werden (Details in der Protokolldatei).</source>
        <translation>The statistics could not be calculated (details in the log file).</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="224"/>
        <source>1 Tag</source>
        <translation>1 day</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="224"/>
        <source>%1 Tage</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="226"/>
        <source>%1: %2 bis %3 (%4)</source>
        <translation>%1: %2 to %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="259"/>
        <source>Statistik als CSV speichern</source>
        <translation>Save statistics as CSV</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="259"/>
        <source>CSV-Dateien (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="275"/>
        <source>CSV gespeichert: %1</source>
        <translation>CSV saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_page.py" line="279"/>
        <source>Die CSV-Datei konnte nicht gespeichert werden: %1</source>
        <translation>The CSV file could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>StatisticsTotalsModel</name>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="43"/>
        <source>keine Messung</source>
        <translation>no measurement</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="46"/>
        <source>gemessen: %1</source>
        <translation>measured: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="76"/>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="77"/>
        <source>Tage</source>
        <translation>days</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="53"/>
        <source>kein Kontingent</source>
        <translation>no quota</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="54"/>
        <source>{issued} / {quota} ({share})</source>
        <translation>{issued} / {quota} ({share})</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="80"/>
        <source>Termine gebucht (online)</source>
        <translation>Appointments booked (online)</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="84"/>
        <source>Termine gebucht (intern)</source>
        <translation>Appointments booked (internal)</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="87"/>
        <source>Termine erledigt</source>
        <translation>Appointments done</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="88"/>
        <source>Termine storniert</source>
        <translation>Appointments cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="89"/>
        <source>Nicht erschienen</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="91"/>
        <source>Quote nicht erschienen</source>
        <translation>No-show rate</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="94"/>
        <source>Wartenummern / Kontingent</source>
        <translation>Tickets / quota</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="96"/>
        <source>Wartenummern erledigt</source>
        <translation>Tickets done</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="100"/>
        <source>Wartezeit Wartenummer Ø / P90</source>
        <translation>Ticket wait mean / P90</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="104"/>
        <source>Bearbeitung Wartenummer Ø / P90</source>
        <translation>Ticket service mean / P90</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="108"/>
        <source>Wartezeit Termin Ø / P90</source>
        <translation>Appointment wait mean / P90</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="112"/>
        <source>Bearbeitung Termin Ø / P90</source>
        <translation>Appointment service mean / P90</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="116"/>
        <source>Vorlauf online Ø / P90</source>
        <translation>Online lead time mean / P90</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="120"/>
        <source>Meiste Termine um</source>
        <translation>Most appointments at</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="68"/>
        <source>{hour}–{next} Uhr ({count})</source>
        <translation>{hour}:00–{next}:00 ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="134"/>
        <source>Kennzahl</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location filename="../../ui/models/statistics_model.py" line="135"/>
        <source>Zeitraum gesamt</source>
        <translation>Whole period</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="60"/>
        <source>Abgleich</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="65"/>
        <source>Stand des Abgleichs</source>
        <translation>Sync state</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="67"/>
        <source>Offene Konflikte</source>
        <translation>Open conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="69"/>
        <source>Als &amp;erledigt markieren</source>
        <translation>Mark as &amp;resolved</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="75"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="77"/>
        <source>&amp;Stand:</source>
        <translation>&amp;State:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="79"/>
        <source>&amp;Offene Konflikte (Vorgänge, die die Zentrale ablehnte):</source>
        <translation>&amp;Open conflicts (operations the centre refused):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="103"/>
        <source>Keine offenen Konflikte.</source>
        <translation>No open conflicts.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="121"/>
        <source>Als erledigt markiert.</source>
        <translation>Marked as resolved.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="127"/>
        <source>Die Konflikte konnten nicht gelesen werden ({0}).</source>
        <translation>The conflicts could not be read ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="134"/>
        <source>Buchung</source>
        <translation>Booking</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="135"/>
        <source>Schritt</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="136"/>
        <source>Stornierung</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="137"/>
        <source>Wartenummer</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="138"/>
        <source>Aufruf</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/sync_dialog.py" line="139"/>
        <source>Schritt einer Wartenummer</source>
        <translation>Ticket step</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../ui/sync_status.py" line="30"/>
        <source>Abgleich: verbunden</source>
        <translation>Sync: connected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="32"/>
        <source> · zuletzt {0:%H:%M:%S}</source>
        <translation> · last {0:%H:%M:%S}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="36"/>
        <source>Abgleich: offline</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="38"/>
        <source> seit {0:%d.%m. %H:%M}</source>
        <translation> since {0:%d/%m %H:%M}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="41"/>
        <source> · {0} wartend</source>
        <translation> · {0} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="43"/>
        <source> · {0} Konflikt(e)</source>
        <translation> · {0} conflict(s)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="80"/>
        <source>Abgleich: neuer Konflikt · {0} Konflikt(e) offen</source>
        <translation>Sync: new conflict · {0} conflict(s) open</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="106"/>
        <source>Benutzer verwalten</source>
        <extracomment>The form field a refusal&apos;s code belongs to: a refusal from the central service comes back with its code but without the local error&apos;s field.</extracomment>
        <translation>Manage users</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="112"/>
        <source>Benutzer</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="118"/>
        <location filename="../../ui/dialogs/users_dialog.py" line="254"/>
        <source>Neuer Benutzer</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="119"/>
        <source>Passwort setzen …</source>
        <translation>Set password …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="120"/>
        <source>Anmeldesperre aufheben</source>
        <translation>Lift sign-in lock</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="122"/>
        <source>Nach fünf falschen Passwörtern ist die Anmeldung 15 Minuten gesperrt</source>
        <translation>After five wrong passwords, sign-in is locked for 15 minutes</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="128"/>
        <source>Sachbearbeitung</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="129"/>
        <source>Teamleitung</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="131"/>
        <source>alle Standorte</source>
        <translation>all offices</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="134"/>
        <source>Konto aktiv (darf sich anmelden)</source>
        <translation>Account active (may sign in)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="135"/>
        <location filename="../../ui/dialogs/users_dialog.py" line="158"/>
        <source>Passwort</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="136"/>
        <location filename="../../ui/dialogs/users_dialog.py" line="159"/>
        <source>Passwort wiederholen</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="161"/>
        <source>Benutzername</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="162"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="163"/>
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="164"/>
        <source>Standort</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="211"/>
        <source>Benutzer {0} ändern</source>
        <translation>Change user {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="220"/>
        <source>Änderungen speichern</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="234"/>
        <source>Anmeldesperre von {0} aufgehoben.</source>
        <translation>Sign-in lock of {0} lifted.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="264"/>
        <source>Benutzer anlegen</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="289"/>
        <source>Die Passwörter stimmen nicht überein.</source>
        <translation>The passwords do not match.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="330"/>
        <source>Benutzer {0} angelegt.</source>
        <translation>User {0} added.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="332"/>
        <source>Keine Änderung.</source>
        <translation>No change.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="334"/>
        <source>Benutzer {0} gespeichert.</source>
        <translation>User {0} saved.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="366"/>
        <source>Passwort von {0} gesetzt.</source>
        <translation>Password of {0} set.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/users_dialog.py" line="386"/>
        <source>Das hat nicht geklappt ({0}); bitte erneut versuchen.</source>
        <translation>That did not work ({0}); please try again.</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../../ui/models/users_model.py" line="26"/>
        <source>Benutzername</source>
        <extracomment>A locked user&apos;s row: greyed, still 7:1 on the rows (see ui.contrast).</extracomment>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/models/users_model.py" line="27"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/users_model.py" line="28"/>
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/models/users_model.py" line="29"/>
        <source>Standort</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/models/users_model.py" line="30"/>
        <location filename="../../ui/models/users_model.py" line="73"/>
        <source>aktiv</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ui/models/users_model.py" line="71"/>
        <source>alle Standorte</source>
        <translation>all offices</translation>
    </message>
    <message>
        <location filename="../../ui/models/users_model.py" line="73"/>
        <source>gesperrt</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../ui/models/users_model.py" line="76"/>
        <source>, nach Fehlversuchen gesperrt bis {0} Uhr</source>
        <translation>, locked after failed sign-ins until {0}</translation>
    </message>
</context>
<context>
    <name>WalkInTab</name>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="177"/>
        <source>Sprechstunde ohne Termin anbieten</source>
        <translation>Offer a walk-in hour (without appointment)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="182"/>
        <source>leer = unbegrenzt</source>
        <translation>empty = unlimited</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="186"/>
        <source>nachfragen</source>
        <translation>ask</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="187"/>
        <source>ablehnen</source>
        <translation>refuse</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="191"/>
        <source>Beginn</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="192"/>
        <source>Ende</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="194"/>
        <source>Kontingent pro Tag</source>
        <translation>Ticket quota per day</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="196"/>
        <source>F9 bei besetztem Schalter:</source>
        <translation>F9 with someone at the counter:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/capacity_tabs.py" line="231"/>
        <source>Bitte eine ganze Zahl eingeben</source>
        <translation>Please enter a whole number</translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <location filename="../../ui/models/week_model.py" line="91"/>
        <source>geschlossen</source>
        <extracomment>A day at a counter: closed (dotted), fully booked, with free time (black text on all).</extracomment>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../ui/models/week_model.py" line="92"/>
        <source>{0} Termine
{1} frei ({2} online)</source>
        <translation>{0} appointments
{1} free ({2} online)</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <location filename="../../ui/models/audit_model.py" line="17"/>
        <source>Termin aufgerufen</source>
        <translation>Appointment called</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="18"/>
        <source>Termin erneut aufgerufen</source>
        <translation>Appointment called again</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="19"/>
        <source>Termin nicht erschienen</source>
        <translation>Appointment no-show</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="20"/>
        <source>Termin abgesagt</source>
        <translation>Appointment cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="21"/>
        <source>Termin: „nicht erschienen“ zurückgenommen</source>
        <translation>Appointment: no-show taken back</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="22"/>
        <source>Wartenummer aufgerufen</source>
        <translation>Ticket called</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="23"/>
        <source>Wartenummer erneut aufgerufen</source>
        <translation>Ticket called again</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="24"/>
        <source>Wartenummer nicht erschienen</source>
        <translation>Ticket no-show</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="25"/>
        <source>Wartenummer: „nicht erschienen“ zurückgenommen</source>
        <translation>Ticket: no-show taken back</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="26"/>
        <source>Öffnungszeiten geändert</source>
        <translation>Opening hours changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="27"/>
        <source>Terminlänge geändert</source>
        <translation>Slot length changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="28"/>
        <source>Buchungsfenster geändert</source>
        <translation>Booking window changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="29"/>
        <source>Kontingent geändert</source>
        <translation>Quota changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="30"/>
        <source>Schließzeit geändert</source>
        <translation>Closure changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="31"/>
        <source>Zusätzlicher Termin freigegeben</source>
        <translation>Additional slot released</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="32"/>
        <source>Benutzer geändert</source>
        <translation>User changed</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="33"/>
        <source>Gerät registriert</source>
        <translation>Device registered</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="34"/>
        <source>Gerät angemeldet</source>
        <translation>Device enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="35"/>
        <source>Gerät gesperrt</source>
        <translation>Device revoked</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="36"/>
        <source>Anmeldung nach Fehlversuchen gesperrt</source>
        <translation>Sign-in locked after failed attempts</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_model.py" line="37"/>
        <source>Anmeldesperre aufgehoben</source>
        <translation>Sign-in lock lifted</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="23"/>
        <source>Sprechstunde</source>
        <extracomment>A stored field: its name and how its value reads ({0}), both in context &quot;audit&quot;; the fields of a change are listed in this order (desk stores them sorted by key).</extracomment>
        <translation>Walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="25"/>
        <source>Kontingent</source>
        <translation>Quota</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="26"/>
        <source>{0} Wartenummern</source>
        <translation>{0} tickets</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="28"/>
        <source>öffnet</source>
        <translation>opens</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="29"/>
        <source>schließt</source>
        <translation>closes</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="31"/>
        <source>Terminlänge</source>
        <translation>Slot length</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="32"/>
        <location filename="../../ui/models/audit_words.py" line="52"/>
        <source>{0} Min.</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="34"/>
        <source>Dienstleistungen</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="35"/>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="37"/>
        <source>buchbar</source>
        <translation>bookable</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="38"/>
        <source>{0} Tage im Voraus</source>
        <translation>{0} days ahead</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="40"/>
        <source>Freigabe-Wochentag</source>
        <translation>Release weekday</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="41"/>
        <source>Freigabe um</source>
        <translation>Release at</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="43"/>
        <source>gebührenfrei</source>
        <translation>free of charge</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="44"/>
        <location filename="../../ui/models/audit_words.py" line="48"/>
        <source>{0} Monate</source>
        <translation>{0} months</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="47"/>
        <source>mit Gebühr</source>
        <translation>with a fee</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="50"/>
        <source>Gebühr</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="50"/>
        <source>{0} Cent</source>
        <translation>{0} cents</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="51"/>
        <source>Online-Anteil</source>
        <translation>Online share</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="52"/>
        <source>Vorlauf</source>
        <translation>Lead time</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="53"/>
        <source>von</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="54"/>
        <source>bis</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="55"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="56"/>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="57"/>
        <source>gesperrt bis</source>
        <translation>locked until</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="58"/>
        <source>Benutzername</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="59"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="60"/>
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="61"/>
        <source>Standort</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="62"/>
        <source>aktiv</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="63"/>
        <source>F9 bei besetztem Schalter</source>
        <translation>F9 with someone at the counter</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="67"/>
        <source>nachfragen</source>
        <extracomment>Stored words that are values of a setting (the F9 setting), in context &quot;audit&quot;.</extracomment>
        <translation>ask</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="67"/>
        <source>ablehnen</source>
        <translation>refuse</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="84"/>
        <source>Standort {0}</source>
        <translation>Office {0}</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="123"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit_words.py" line="124"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>gebucht</source>
        <translation>booked</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>angemeldet</source>
        <translation>checked in</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>aufgerufen</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>in Bearbeitung</source>
        <translation>in service</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>erledigt</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>storniert</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>nicht erschienen</source>
        <translation>no-show</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>geschlossen</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>frei (online buchbar)</source>
        <translation>free (bookable online)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>frei (nur intern)</source>
        <translation>free (internal only)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>frei (zusätzlich freigegeben)</source>
        <translation>free (released in addition)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>belegt</source>
        <translation>booked</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>Anmelden</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>Aufrufen</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>Erneut aufrufen</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>In Bearbeitung</source>
        <translation>In service</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Erledigt</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>Nicht erschienen</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Stornieren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>Verlust/Diebstahl</source>
        <translation>Lost/stolen</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>dringendes Dokument</source>
        <translation>Urgent document</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>Anmeldung</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>Sonstiges</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>wartend</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>zurückgestellt</source>
        <translation>parked</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>Sachbearbeitung</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>Teamleitung</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>Mo</source>
        <extracomment>Short weekday names, Monday first (desk.domain.policy.WEEKDAYS_DE).</extracomment>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54"/>
        <source>Di</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>Mi</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>Do</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>Fr</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>Sa</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>So</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="623"/>
        <source>E-Mail</source>
        <extracomment>German words desk passes as ``{…:word}`` params that the &quot;labels&quot; catalogue lacked.</extracomment>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="624"/>
        <source>Notiz</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="625"/>
        <source>erneut aufgerufen</source>
        <translation>called again</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="626"/>
        <source>Bearbeitung beginnen</source>
        <translation>Start serving</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="627"/>
        <source>Zurückstellen</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="628"/>
        <source>Wieder einreihen</source>
        <translation>Back into the queue</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="629"/>
        <source>Benutzer verwalten</source>
        <translation>Manage users</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="630"/>
        <source>Kapazität planen</source>
        <translation>Plan capacity</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="631"/>
        <source>Zusätzliche Termine freigeben</source>
        <translation>Release extra slots</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="632"/>
        <source>Statistik ansehen</source>
        <translation>View statistics</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="633"/>
        <source>Das Protokoll einsehen</source>
        <translation>Read the audit log</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="634"/>
        <source>Ankünfte je Stunde</source>
        <translation>Arrivals per hour</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="635"/>
        <source>Mittlere Bearbeitungszeit</source>
        <translation>Mean service time</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="636"/>
        <source>Verkehrsangebot</source>
        <translation>Offered traffic</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="637"/>
        <source>Schwelle</source>
        <translation>Threshold</translation>
    </message>
</context>
</TS>
