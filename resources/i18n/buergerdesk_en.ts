<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="de">
<context>
    <name>AppointmentPanel</name>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="38" />
        <location filename="../../ui/views/appointment_panel.py" line="87" />
        <source>Kein Termin gewählt</source>
        <translation>No appointment selected</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="44" />
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="45" />
        <source>Anliegen</source>
        <translation>Concern</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="46" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="47" />
        <source>Buchungsnr.</source>
        <translation>Booking no.</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="48" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="49" />
        <source>Gebucht</source>
        <translation>Booked via</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="50" />
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="70" />
        <source>Verlauf</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="78" />
        <source>Verlauf:</source>
        <translation>History:</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="91" />
        <source>Einen Termin im Kalender wählen (Pfeiltasten, Maus) oder suchen (Strg+F).</source>
        <translation>Select an appointment in the calendar (arrow keys, mouse) or search (Ctrl+F).</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="118" />
        <source>Möglich: {0}</source>
        <translation>Possible: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/appointment_panel.py" line="120" />
        <source>Keine weiteren Schritte möglich.</source>
        <translation>No further steps possible.</translation>
    </message>
</context>
<context>
    <name>AppointmentTableModel</name>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="41" />
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="42" />
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="43" />
        <source>Dienstleistung</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="44" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="45" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="46" />
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/models/appointments_model.py" line="47" />
        <source>Buchungscode</source>
        <translation>Booking code</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="71" />
        <source>Termin buchen – {0}</source>
        <translation>Book an appointment – {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="95" />
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="96" />
        <source>am Schalter</source>
        <translation>at the counter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="107" />
        <source>&amp;Dienstleistung:</source>
        <translation>&amp;Service:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="108" />
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="109" />
        <source>&amp;Telefon:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="110" />
        <source>&amp;E-Mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="111" />
        <source>N&amp;otiz:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="112" />
        <source>Gebucht:</source>
        <translation>Booked via:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="113" />
        <source>Ein&amp;zugsdatum:</source>
        <translation>Move-in &amp;date:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="119" />
        <source>Freie Termine</source>
        <translation>Free slots</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="122" />
        <source>&amp;Freie Termine (nächste {0} Tage):</source>
        <translation>&amp;Free slots (next {0} days):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="125" />
        <source>Frühesten Termin in der Frist wählen</source>
        <translation>Choose the earliest slot within the deadline</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="134" />
        <source>&amp;Buchen</source>
        <translation>&amp;Book</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="135" />
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="205" />
        <source>Freie Termine werden gesucht …</source>
        <translation>Looking for free slots …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="223" />
        <source>{0}, {1}–{2} · Schalter {3}</source>
        <translation>{0}, {1}–{2} · counter {3}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="231" />
        <source>Keine freien Termine in den nächsten {0} Tagen</source>
        <translation>No free slots in the next {0} days</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="284" />
        <source>Anmeldefrist (14 Tage nach Einzug): bis {0}.</source>
        <translation>Registration deadline (14 days after moving in): {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="287" />
        <source>⚠ Der gewählte Termin liegt nach der Frist.</source>
        <translation>⚠ The chosen slot is after the deadline.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="289" />
        <source>In der Frist ist kein Termin mehr frei.</source>
        <translation>No slot is free within the deadline.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="320" />
        <source>Bitte die markierten Felder prüfen.</source>
        <translation>Please check the marked fields.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="325" />
        <source>Bitte einen freien Termin wählen.</source>
        <translation>Please choose a free slot.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="336" />
        <source>Wird gebucht …</source>
        <translation>Booking …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="365" />
        <source>Nicht gebucht: {0}. Bitte einen anderen Termin wählen.</source>
        <translation>Not booked: {0}. Please choose another slot.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/booking_dialog.py" line="372" />
        <source>Fehler: {0}</source>
        <translation>Error: {0}</translation>
    </message>
</context>
<context>
    <name>CalendarModel</name>
    <message>
        <location filename="../../ui/models/calendar_model.py" line="157" />
        <source>Ihr Schalter</source>
        <translation>Your counter</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../ui/views/calendar_view.py" line="199" />
        <source>Schalterkalender</source>
        <extracomment>Block colours by appointment state (text stays dark on all of them). Free and closed time: background, pattern, mark.</extracomment>
        <translation>Counter calendar</translation>
    </message>
</context>
<context>
    <name>ClerkCommands</name>
    <message>
        <location filename="../../ui/views/clerk_commands.py" line="61" />
        <source>Gebucht: {0} am {1:%d.%m.%Y um %H:%M} ({2})</source>
        <translation>Booked: {0} on {1:%d/%m/%Y at %H:%M} ({2})</translation>
    </message>
    <message>
        <location filename="../../ui/views/clerk_commands.py" line="97" />
        <source>Kalenderdatei speichern</source>
        <translation>Save calendar file</translation>
    </message>
    <message>
        <location filename="../../ui/views/clerk_commands.py" line="99" />
        <source>Kalender (*.ics)</source>
        <translation>Calendar (*.ics)</translation>
    </message>
    <message>
        <location filename="../../ui/views/clerk_commands.py" line="120" />
        <source>Kalenderdatei gespeichert: {0}</source>
        <translation>Calendar file saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/clerk_commands.py" line="126" />
        <source>Kalenderdatei</source>
        <translation>Calendar file</translation>
    </message>
    <message>
        <location filename="../../ui/views/clerk_commands.py" line="146" />
        <source>Drucken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/views/clerk_commands.py" line="153" />
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <location filename="../../ui/display/window.py" line="67" />
        <source>Aufrufanzeige</source>
        <translation>Call display</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="102" />
        <source>Anzeige nicht aktuell – bitte am Empfang nachfragen</source>
        <translation>Display not up to date – please ask at reception</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="119" />
        <source>Zuvor aufgerufen</source>
        <translation>Called before</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="224" />
        <source>Noch kein Aufruf</source>
        <translation>No call yet</translation>
    </message>
    <message>
        <location filename="../../ui/display/window.py" line="230" />
        <source>Wartende: {0}</source>
        <translation>Waiting: {0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="48" />
        <source>Gesperrt</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="48" />
        <source>Anmelden</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="53" />
        <source>Der Platz ist gesperrt. Zum Entsperren das Passwort eingeben.</source>
        <translation>This desk is locked. Enter the password to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="60" />
        <source>&amp;Benutzer:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="61" />
        <source>&amp;Passwort:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="66" />
        <source>&amp;Entsperren</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="66" />
        <source>&amp;Anmelden</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="69" />
        <source>Beenden</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="69" />
        <source>Abmelden</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/views/main_window.py" line="137" />
        <source>Bürgerdesk</source>
        <translation>Bürgerdesk</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="144" />
        <source>Datenbank wird geöffnet …</source>
        <translation>Opening the database …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="184" />
        <source>Standort</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="187" />
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="188" />
        <source>◀ Vortag</source>
        <translation>◀ Previous day</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="193" />
        <source>Folgetag ▶</source>
        <translation>Next day ▶</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="194" />
        <source>&amp;Heute</source>
        <translation>T&amp;oday</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="195" />
        <location filename="../../ui/views/main_window.py" line="722" />
        <source>&amp;Neuer Termin …</source>
        <translation>&amp;New appointment …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="198" />
        <source>&amp;Standort:</source>
        <translation>&amp;Office:</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="199" />
        <source>S&amp;chalter:</source>
        <translation>Coun&amp;ter:</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="219" />
        <source>Legende: @ frei online · ▨ frei nur intern · + zusätzlich freigegeben · ▩ geschlossen · rote Linie: jetzt</source>
        <translation>Legend: @ free online · ▨ free, internal only · + released in addition · ▩ closed · red line: now</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="233" />
        <source>Wochenübersicht</source>
        <translation>Week overview</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="245" />
        <location filename="../../ui/views/main_window.py" line="748" />
        <source>&amp;Tag</source>
        <translation>&amp;Day</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="246" />
        <location filename="../../ui/views/main_window.py" line="749" />
        <source>&amp;Woche</source>
        <translation>&amp;Week</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="247" />
        <location filename="../../ui/views/main_window.py" line="750" />
        <source>&amp;Liste</source>
        <translation>&amp;List</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="253" />
        <source>&amp;Empfang</source>
        <translation>&amp;Reception</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="270" />
        <source>Termin</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="271" />
        <source>Warteschlange</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="301" />
        <location filename="../../ui/views/main_window.py" line="802" />
        <source>Ohne Anmeldung (Einzelplatz)</source>
        <translation>Not signed in (standalone)</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="350" />
        <source>Die Demo-Stadt wird eingerichtet …</source>
        <translation>Setting up the demo city …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="352" />
        <source>Erster Start</source>
        <translation>First start</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="361" />
        <source>Datenbank: {0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="370" />
        <source>Unerwarteter Fehler beim Öffnen der Datenbank ({0}).</source>
        <translation>Unexpected error while opening the database ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="381" />
        <source>Datenbank</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="484" />
        <source>Termine – {0} – {1}</source>
        <translation>Appointments – {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="489" />
        <source>Termine werden geladen …</source>
        <translation>Loading appointments …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="513" />
        <source>{0} Termine · {1} erledigt · {2} storniert</source>
        <translation>{0} appointments · {1} done · {2} cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="529" />
        <source>Keine Termine am {0}, {1}.</source>
        <translation>No appointments on {0}, {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="533" />
        <location filename="../../ui/views/main_window.py" line="687" />
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="557" />
        <source>Termine konnten nicht geladen werden ({0}).</source>
        <translation>Appointments could not be loaded ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="669" />
        <source>Termin stornieren</source>
        <translation>Cancel appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="670" />
        <source>Grund der Stornierung für {0} ({1}):</source>
        <translation>Reason for cancelling {0} ({1}):</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="700" />
        <source>Der Schritt ist fehlgeschlagen ({0}).</source>
        <translation>The step failed ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="704" />
        <source>Nicht möglich</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="721" />
        <source>&amp;Termin</source>
        <translation>&amp;Appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="725" />
        <source>&amp;Suchen …</source>
        <translation>&amp;Search …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="732" />
        <source>Als &amp;Kalenderdatei (.ics) speichern …</source>
        <translation>Save as &amp;calendar file (.ics) …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="735" />
        <source>Platz &amp;sperren</source>
        <translation>&amp;Lock this desk</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="738" />
        <source>Bestätigung &amp;drucken …</source>
        <translation>&amp;Print confirmation …</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="745" />
        <source>&amp;Ansicht</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="757" />
        <source>&amp;Hoher Kontrast</source>
        <translation>&amp;High contrast</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="762" />
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="765" />
        <source>&amp;Aufrufanzeige öffnen (zweiter Bildschirm)</source>
        <translation>Open the &amp;call display (second screen)</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="768" />
        <source>&amp;Sprache</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="776" />
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="777" />
        <source>&amp;Tastenkürzel</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="805" />
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="904" />
        <source>← / →  Vortag / Folgetag (im Kalender), Alt+← / Alt+→ überall</source>
        <translation>← / →  previous / next day (in the calendar), Alt+← / Alt+→ anywhere</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="905" />
        <source>T  Heute · Bild↑ / Bild↓  Woche zurück / vor</source>
        <translation>T  today · PgUp / PgDn  week back / forward</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="906" />
        <source>Strg+1 / 2 / 3  Tag / Woche / Liste</source>
        <translation>Ctrl+1 / 2 / 3  day / week / list</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="907" />
        <source>Strg+N  Neuer Termin · Strg+F  Suchen</source>
        <translation>Ctrl+N  new appointment · Ctrl+F  search</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="910" />
        <source>Strg+E  Kalenderdatei · Strg+P  Drucken · F12  Aktualisieren</source>
        <translation>Ctrl+E  calendar file · Ctrl+P  print · F12  refresh</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="911" />
        <source>Tastenkürzel</source>
        <translation>Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="37" />
        <source>Erneut aufrufen</source>
        <extracomment>(key, German label) of the steps for the ticket at the counter.</extracomment>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="38" />
        <source>In Bearbeitung</source>
        <translation>In service</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="39" />
        <source>Erledigt</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="40" />
        <source>Nicht erschienen</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="41" />
        <source>Zurückstellen</source>
        <translation>Park</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="74" />
        <location filename="../../ui/views/queue_panel.py" line="154" />
        <source>Niemand aufgerufen</source>
        <extracomment>Calls the next ticket exactly once across all counters: (office, counter, now) → info.</extracomment>
        <translation>Nobody called</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="77" />
        <source>Nächste(n) aufrufen (F9)</source>
        <translation>Call the next person (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="88" />
        <source>Warteschlange</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="91" />
        <source>Zurückgestellt</source>
        <translation>Parked</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="93" />
        <source>Wieder einreihen</source>
        <translation>Back into the queue</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="105" />
        <source>Zurückgestellt (holen Unterlagen):</source>
        <translation>Parked (fetching documents):</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="138" />
        <source>{0}{1} · {2}{3} · wartet {4} min · ca. {5} min</source>
        <translation>{0}{1} · {2}{3} · waiting {4} min · approx. {5} min</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="148" />
        <source>{0} warten</source>
        <translation>{0} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="157" />
        <source>in Bearbeitung</source>
        <translation>in service</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="159" />
        <source>aufgerufen</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../ui/views/queue_panel.py" line="212" />
        <source>Aufgerufen: {0}</source>
        <translation>Called: {0}</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <location filename="../../ui/views/reception_view.py" line="73" />
        <source>Wartenummer ziehen – Sprechstunde ohne Termin</source>
        <translation>Take a number – walk-in hour</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="93" />
        <source>Buchungsnummer, z. B. 39KJ-TGPT</source>
        <translation>Booking number, e.g. 39KJ-TGPT</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="94" />
        <source>Buchungsnummer zum Anmelden</source>
        <translation>Booking number to check in</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="95" />
        <source>Mit Termin &amp;anmelden</source>
        <translation>&amp;Check in with appointment</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="99" />
        <source>Termin:</source>
        <translation>Appointment:</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="103" />
        <source>Termine der nächsten zwei Stunden</source>
        <translation>Appointments of the next two hours</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="117" />
        <source>Termine der nächsten zwei Stunden (Doppelklick meldet an):</source>
        <translation>Appointments of the next two hours (double click checks in):</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="153" />
        <source>Noch {0} von {1} Wartenummern heute</source>
        <translation>{0} of {1} numbers left today</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="155" />
        <source>{0} Wartenummern heute</source>
        <translation>{0} numbers today</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="157" />
        <source>{0} warten</source>
        <translation>{0} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="159" />
        <source>geschätzte Wartezeit etwa {0} min</source>
        <translation>estimated wait about {0} min</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="191" />
        <source>Zuletzt: {0} ({1}, {2:%H:%M} Uhr)</source>
        <translation>Last: {0} ({1}, {2:%H:%M})</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="200" />
        <source>Drucken nicht möglich: {0}</source>
        <translation>Cannot print: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="211" />
        <source>Bitte die Buchungsnummer eingeben.</source>
        <translation>Please enter the booking number.</translation>
    </message>
    <message>
        <location filename="../../ui/views/reception_view.py" line="224" />
        <source>{0} ist angemeldet.</source>
        <translation>{0} is checked in.</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="44" />
        <source>Termin suchen – {0}</source>
        <translation>Find an appointment – {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="47" />
        <source>Buchungsnummer (z. B. 39KJ-TGPT) oder Name</source>
        <translation>Booking number (e.g. 39KJ-TGPT) or name</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="49" />
        <source>Suchbegriff</source>
        <translation>Search text</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="61" />
        <location filename="../../ui/dialogs/search_dialog.py" line="90" />
        <source>Mindestens zwei Zeichen eingeben.</source>
        <translation>Type at least two characters.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="92" />
        <source>Kein Termin gefunden.</source>
        <translation>No appointment found.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="95" />
        <source>Die ersten {0} Treffer (neueste zuerst) – bitte genauer suchen.</source>
        <translation>The first {0} hits (newest first) – please narrow the search.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/search_dialog.py" line="101" />
        <source>{0} Treffer – Eingabe oder Doppelklick öffnet den Tag.</source>
        <translation>{0} hits – Enter or a double click opens the day.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../ui/sync_status.py" line="28" />
        <source>Abgleich: verbunden</source>
        <translation>Sync: connected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="30" />
        <source> · zuletzt {0:%H:%M:%S}</source>
        <translation> · last {0:%H:%M:%S}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="34" />
        <source>Abgleich: offline</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="36" />
        <source> seit {0:%d.%m. %H:%M}</source>
        <translation> since {0:%d/%m %H:%M}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="39" />
        <source> · {0} wartend</source>
        <translation> · {0} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="41" />
        <source> · {0} Konflikt(e)</source>
        <translation> · {0} conflict(s)</translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <location filename="../../ui/models/week_model.py" line="89" />
        <source>geschlossen</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../ui/models/week_model.py" line="90" />
        <source>{0} Termine
{1} frei ({2} online)</source>
        <translation>{0} appointments
{1} free ({2} online)</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/labels.py" line="18" />
        <source>gebucht</source>
        <translation>booked</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19" />
        <source>angemeldet</source>
        <translation>checked in</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20" />
        <source>aufgerufen</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21" />
        <source>in Bearbeitung</source>
        <translation>in service</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22" />
        <source>erledigt</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23" />
        <source>storniert</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24" />
        <source>nicht erschienen</source>
        <translation>no-show</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26" />
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27" />
        <source>Schalter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28" />
        <source>geschlossen</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29" />
        <source>frei (online buchbar)</source>
        <translation>free (bookable online)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30" />
        <source>frei (nur intern)</source>
        <translation>free (internal only)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31" />
        <source>frei (zusätzlich freigegeben)</source>
        <translation>free (released in addition)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32" />
        <source>belegt</source>
        <translation>booked</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33" />
        <source>Anmelden</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34" />
        <source>Aufrufen</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35" />
        <source>Erneut aufrufen</source>
        <translation>Call again</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36" />
        <source>In Bearbeitung</source>
        <translation>In service</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37" />
        <source>Erledigt</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38" />
        <source>Nicht erschienen</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39" />
        <source>Stornieren</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>