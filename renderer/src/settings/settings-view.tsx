import { KeysSection } from '../keys/keys-section.js';
import { RegistriesSection } from '../registries/registries-section.js';
import { VaultSection } from '../vault/vault-section.js';
import { AboutSection } from './about-section.js';
import { ThemePicker } from './theme-picker.js';
import './settings.css';

export function SettingsView() {
  return (
    <div className="settings">
      <VaultSection />
      <KeysSection />
      <RegistriesSection />
      <section className="settings-section" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance" className="section-title">
          Appearance
        </h2>
        <ThemePicker />
      </section>
      <AboutSection />
    </div>
  );
}
