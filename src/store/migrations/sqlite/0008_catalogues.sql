-- Threat and vulnerability catalogues (src/model/types/threat.c,
-- vulnerability.c), risk scenarios that refer to them, the treatment detail
-- of a risk, and the classification scheme (src/isms/classification.h).

CREATE TABLE threat (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  family TEXT,
  description TEXT,
  confidentiality INTEGER DEFAULT 0,
  integrity INTEGER DEFAULT 0,
  availability INTEGER DEFAULT 0
);
CREATE INDEX threat_name ON threat(name);

CREATE TABLE vulnerability (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  category TEXT,
  description TEXT
);
CREATE INDEX vulnerability_name ON vulnerability(name);

-- One row per level of the scheme; assets and documents store level_key.
CREATE TABLE classification_level (
  id INTEGER PRIMARY KEY,
  level_key TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  level_rank INTEGER NOT NULL UNIQUE,
  colour TEXT NOT NULL,
  handling_label TEXT,
  handling_store TEXT,
  handling_share TEXT,
  handling_send TEXT,
  handling_dispose TEXT
);

-- The starter threat catalogue: names are the usual ones, descriptions are
-- ours. Families: physical, natural, technical_failure, human_error,
-- malicious, legal. confidentiality / integrity / availability: 1 when the
-- threat typically harms that property.
INSERT INTO threat (created_at, updated_at, name, family, confidentiality, integrity, availability, description) VALUES
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Fire', 'physical', 0, 1, 1, 'A fire in or near the premises destroys equipment, storage media and paper records, or forces systems to be shut down while it is fought.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Water damage', 'physical', 0, 1, 1, 'Leaking pipes, sprinklers, roofs or a flood from the floor above soak equipment, cabling and stored documents.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Theft of equipment or media', 'physical', 1, 0, 1, 'Laptops, phones, disks or paper files are stolen from the office, a car, a hotel or a home, and the information on them goes too.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unauthorised physical access', 'physical', 1, 1, 1, 'Someone without a reason to be there walks into offices, server rooms or archives and can look at, take or tamper with what is inside.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Physical damage to equipment', 'physical', 0, 1, 1, 'Equipment is dropped, knocked over, crushed or has a drink spilled on it, and stops working or loses data.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unsuitable environmental conditions', 'physical', 0, 1, 1, 'Heat, humidity, dust or vibration around equipment shortens its life or makes it fail without warning.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Flood', 'natural', 0, 1, 1, 'Rising rivers, heavy rain or a storm surge put buildings, basements and the equipment in them under water and cut off access.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Storm', 'natural', 0, 0, 1, 'High winds, hail or heavy snow damage buildings and overhead lines, and keep staff from reaching their workplace.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Earthquake', 'natural', 0, 1, 1, 'Ground movement damages buildings and data centres and can take down power and networks over a whole region.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Lightning strike', 'natural', 0, 1, 1, 'A strike on or near a building sends a surge through power and data cables that destroys connected electronics.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Extreme heat', 'natural', 0, 0, 1, 'A heat wave pushes server rooms past what their cooling can handle and makes equipment throttle or shut down.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Pandemic or widespread illness', 'natural', 0, 0, 1, 'Many staff, or the staff of key suppliers, are ill or kept at home at the same time, and work that needs them stops.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Power outage', 'technical_failure', 0, 1, 1, 'The electricity supply fails or fluctuates; systems without backup power stop, and an abrupt stop can corrupt data.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Hardware failure', 'technical_failure', 0, 1, 1, 'A disk, server, network device or laptop breaks down through wear or a fault, taking its service or data with it.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Software failure', 'technical_failure', 0, 1, 1, 'A defect in an application, operating system or update makes it crash, hang or produce wrong results.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Network or telecoms outage', 'technical_failure', 0, 0, 1, 'Internet links, internal networks or phone lines go down, cutting users off from systems and from each other.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Cooling failure', 'technical_failure', 0, 0, 1, 'Air conditioning in a server room or data centre stops and temperatures climb until equipment has to be switched off.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Data corruption', 'technical_failure', 0, 1, 1, 'Stored data becomes damaged or inconsistent through a fault, an interrupted write or a bad migration, often unnoticed for a while.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Cloud or hosting service outage', 'technical_failure', 0, 0, 1, 'A provider the organisation relies on for hosting, storage or software suffers an outage that the organisation cannot fix itself.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Capacity exhaustion', 'technical_failure', 0, 0, 1, 'Storage fills up, or load grows beyond what systems and links were sized for, and services slow down or stop.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Misconfiguration', 'human_error', 1, 1, 1, 'A system, cloud service or firewall is set up wrongly, leaving data open to the internet or a service broken.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Accidental deletion or change of data', 'human_error', 0, 1, 1, 'Someone removes or overwrites the wrong files or records, or runs a change against the wrong system.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Information sent to the wrong recipient', 'human_error', 1, 0, 0, 'An e-mail, letter or shared link goes to the wrong person, for example through address autocomplete.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Loss of devices or documents', 'human_error', 1, 0, 1, 'A laptop, phone, memory stick or folder is left behind on a train, in a taxi or at a conference.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Error in operating procedures', 'human_error', 0, 1, 1, 'A step of a routine task such as a backup, a release or a payment run is skipped or done in the wrong order.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Careless disclosure', 'human_error', 1, 0, 0, 'Information is revealed by talking in public places, leaving screens visible or posting details on social media.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Use of unapproved services', 'human_error', 1, 1, 0, 'Staff move work data into personal accounts, free online tools or AI services that the organisation has not vetted.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Phishing', 'malicious', 1, 1, 0, 'Fake messages trick people into revealing passwords, opening harmful attachments or approving payments.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Malware', 'malicious', 1, 1, 1, 'Harmful software such as viruses, trojans or spyware gets onto devices and steals, changes or destroys data.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Ransomware', 'malicious', 1, 1, 1, 'Attackers encrypt systems and backups, often after copying data out, and demand payment to restore them or keep quiet.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Denial-of-service attack', 'malicious', 0, 0, 1, 'A flood of traffic or requests overwhelms a website, service or network link so that real users cannot get through.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Exploitation of software vulnerabilities', 'malicious', 1, 1, 1, 'Attackers use a known or unknown flaw in exposed software to break in, run their own code or raise their privileges.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Credential theft and account takeover', 'malicious', 1, 1, 0, 'Passwords or session tokens are guessed, stolen or bought, and an attacker logs in as a legitimate user.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Insider misuse', 'malicious', 1, 1, 1, 'An employee or contractor deliberately abuses the access they were given, for gain, out of grievance or under pressure.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Social engineering', 'malicious', 1, 1, 0, 'Someone poses as a colleague, supplier or support desk by phone, chat or in person to get information or access.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Interception of communications', 'malicious', 1, 1, 0, 'Traffic on networks, wireless links or phone calls is listened to or altered on the way between sender and receiver.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Sabotage', 'malicious', 0, 1, 1, 'Systems, data or facilities are deliberately damaged or disabled, from inside or outside, to disrupt the organisation.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Data theft', 'malicious', 1, 0, 0, 'Information is copied out of the organisation on purpose, by an attacker or an insider, to sell, publish or use.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Supply chain compromise', 'malicious', 1, 1, 1, 'An attacker gets in through a supplier: a tampered update, a breached service provider or a compromised component.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Fraud', 'malicious', 0, 1, 0, 'Records, invoices or payment details are manipulated to divert money or goods, for example through fake supplier bank details.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Breach of data protection law', 'legal', 1, 1, 0, 'Personal data is collected, used, kept or shared in a way the law does not allow, leading to fines, orders and complaints.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Breach of contract', 'legal', 1, 0, 1, 'The organisation fails a security or service commitment it made to a customer or partner and faces claims or termination.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Licence or intellectual property infringement', 'legal', 0, 0, 1, 'Software, content or designs are used beyond what their licence or owner permits, leading to claims or forced removal.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Regulatory non-compliance', 'legal', 1, 1, 1, 'Sector rules on security, record keeping or reporting are not met, and a regulator imposes sanctions or restrictions.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Seizure or compelled disclosure', 'legal', 1, 0, 1, 'Authorities or a court seize equipment or order data to be handed over, possibly including other parties'' information.');

-- The starter vulnerability catalogue, descriptions ours.
INSERT INTO vulnerability (created_at, updated_at, name, category, description) VALUES
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Missing or outdated security policies', 'organisational', 'There is no written direction for security, or it no longer matches how the organisation works, so people decide case by case.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unclear roles and responsibilities', 'organisational', 'Nobody is clearly accountable for a system, process or decision, so tasks fall between people.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Incomplete asset inventory', 'organisational', 'The organisation does not know all the devices, systems and data it has, so some are never protected or updated.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'No tested continuity plan', 'organisational', 'There is no plan for keeping work going after a disruption, or it has never been tried out.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Access not removed when people leave or move', 'organisational', 'Accounts and rights stay active after someone leaves or changes role, because nobody is told or nobody acts.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Uncontrolled changes', 'organisational', 'Changes to systems are made without review, testing or a way back, and without a record of what changed.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'No incident response procedure', 'organisational', 'Nobody knows whom to call or what to do first when something goes wrong, so the response is slow and improvised.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Low security awareness', 'people', 'Staff do not recognise common tricks and risky habits, or do not know how to report what they notice.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Insufficient training for the role', 'people', 'People operate systems or handle sensitive data without having been shown how to do it safely.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Knowledge held by one person', 'people', 'Only one person knows how a critical system or process works, and nobody can step in when they are away.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Weak or reused passwords', 'people', 'Passwords are short, guessable, shared or used on several services, so one leak opens many doors.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unsupervised external staff', 'people', 'Contractors, cleaners or visitors work near sensitive information or systems without oversight or agreed rules.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unprotected entrances', 'physical', 'Doors are left open, badges are not checked and visitors are not recorded or escorted.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Equipment in exposed locations', 'physical', 'Servers, network cabinets or printers stand in rooms that anyone can enter, or where water and heat can reach them.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'No fire detection or suppression', 'physical', 'Rooms with important equipment or records have no smoke detectors, alarms or suitable extinguishing system.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'No backup power', 'physical', 'Critical systems depend on a single power feed with no uninterruptible supply or generator to bridge an outage.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Insecure disposal of media and paper', 'physical', 'Old disks, phones and printouts are thrown away or resold without wiping or shredding.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unpatched software', 'technical', 'Security updates are installed late or never, leaving known flaws open for attackers to use.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Default or weak configuration', 'technical', 'Systems run with factory passwords, needless services or settings chosen for convenience rather than safety.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'No multi-factor authentication', 'technical', 'A password alone opens e-mail, remote access or administration consoles, so a stolen password is enough.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Excessive access rights', 'technical', 'People and service accounts hold more rights than their work needs, often piled up over years.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Missing or untested backups', 'technical', 'Data is not backed up, backups sit where the same incident can reach them, or restoring has never been tried.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unencrypted data', 'technical', 'Information is stored on devices or sent over networks in a form anyone who gets hold of it can read.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Insufficient logging and monitoring', 'technical', 'Events are not recorded or nobody looks at them, so attacks and failures go unnoticed for a long time.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Unsupported systems', 'technical', 'Hardware or software has reached the end of its vendor support and no longer receives fixes.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Flat network', 'technical', 'All devices can reach each other on one network, so an intruder on one machine can move to any other.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'Dependence on a single supplier', 'supplier', 'A critical service rests on one provider with no alternative and no plan for leaving or replacing them.'),
('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', 'No security terms in supplier contracts', 'supplier', 'Contracts do not say how suppliers must protect information, report incidents or allow checks.');

-- The default classification scheme, handling rules ours.
INSERT INTO classification_level (level_key, label, level_rank, colour, handling_label, handling_store, handling_share, handling_send, handling_dispose) VALUES
('public', 'Public', 1, 'green',
 'No marking needed; add "Public" only where someone could doubt that it may be released.',
 'Anywhere, including the public website, once its owner has approved it for release.',
 'With anyone.',
 'By any channel.',
 'Delete or recycle as usual.'),
('internal', 'Internal', 2, 'blue',
 'Mark "Internal" in the footer or the document properties. Company information without a marking counts as Internal.',
 'On company systems and managed devices only; not in personal accounts or on personal devices.',
 'With staff and contractors who need it for their work; with outsiders only under a contract or agreement.',
 'Company e-mail and the approved collaboration tools.',
 'Delete from company systems; put paper in the office bins for confidential waste.'),
('confidential', 'Confidential', 3, 'orange',
 'Mark "Confidential" on every page and in the subject line of messages that carry it.',
 'On approved systems where access is limited to named people or groups; encrypted on laptops, phones and removable media.',
 'Only with named people who need it; with outsiders only under a non-disclosure agreement and with the owner''s consent.',
 'Encrypted channels only; check every recipient before sending; never through personal accounts.',
 'Delete securely so it cannot be recovered; shred paper or put it in locked confidential-waste bins.'),
('restricted', 'Restricted', 4, 'red',
 'Mark "Restricted" on every page together with the owner''s name, and keep a list of every copy.',
 'Encrypted, in systems where each person''s access is approved by the owner and every access is logged; never on removable or personal devices without the owner''s written approval.',
 'Only with people the owner approves by name; record each disclosure.',
 'End-to-end encrypted channels approved by the ISMS manager; hand paper over in person, in a sealed envelope.',
 'Wipe or destroy media and keep the certificate of destruction; cross-cut shred paper, witnessed where possible.');

-- risk.threat and risk.vulnerability were free text; they become references.
-- A text that names a catalogue entry (ignoring case and surrounding
-- spaces) refers to it; any other text becomes a new entry, without family
-- or category, for the ISMS manager to complete.
ALTER TABLE risk RENAME COLUMN threat TO threat_text;
ALTER TABLE risk RENAME COLUMN vulnerability TO vulnerability_text;
ALTER TABLE risk ADD COLUMN threat INTEGER REFERENCES threat(id);
ALTER TABLE risk ADD COLUMN vulnerability INTEGER REFERENCES vulnerability(id);

INSERT INTO threat (created_at, updated_at, name, description)
SELECT '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', MIN(trim(r.threat_text)),
  'Taken from the text of existing risks when the threat catalogue was introduced: choose its family and the properties it affects.'
FROM risk r
WHERE trim(r.threat_text) <> ''
  AND NOT EXISTS (SELECT 1 FROM threat t WHERE lower(t.name) = lower(trim(r.threat_text)))
GROUP BY lower(trim(r.threat_text));
UPDATE risk SET threat = (SELECT MIN(t.id) FROM threat t WHERE lower(t.name) = lower(trim(risk.threat_text)))
WHERE trim(threat_text) <> '';

INSERT INTO vulnerability (created_at, updated_at, name, description)
SELECT '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', MIN(trim(r.vulnerability_text)),
  'Taken from the text of existing risks when the vulnerability catalogue was introduced: choose its category.'
FROM risk r
WHERE trim(r.vulnerability_text) <> ''
  AND NOT EXISTS (SELECT 1 FROM vulnerability v WHERE lower(v.name) = lower(trim(r.vulnerability_text)))
GROUP BY lower(trim(r.vulnerability_text));
UPDATE risk SET vulnerability = (SELECT MIN(v.id) FROM vulnerability v
  WHERE lower(v.name) = lower(trim(risk.vulnerability_text)))
WHERE trim(vulnerability_text) <> '';

ALTER TABLE risk DROP COLUMN threat_text;
ALTER TABLE risk DROP COLUMN vulnerability_text;
CREATE INDEX risk_threat ON risk(threat);
CREATE INDEX risk_vulnerability ON risk(vulnerability);

-- The detail each treatment needs: with whom and how a risk is shared,
-- which activity was stopped to avoid it.
ALTER TABLE risk ADD COLUMN share_party TEXT;
ALTER TABLE risk ADD COLUMN share_mechanism TEXT;
ALTER TABLE risk ADD COLUMN avoid_activity TEXT;
