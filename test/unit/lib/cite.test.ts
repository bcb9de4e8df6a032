import { describe, expect, it } from 'vitest';
import { citation } from '../../../src/lib/cite';

describe('Citeer', () => {
  it('gives the citation in the form of the issue, with table number, date and URL', () => {
    const text = citation([{ source: 'kwb', year: 2017 }], new Date('2026-11-27T12:00:00Z'), 'https://example.org/wijk/BU05991086/');
    expect(text).toBe('Bron: CBS, Kerncijfers wijken en buurten 2017 (83765NED), bewerking Wijkbeeld Rotterdam, geraadpleegd op 27 november 2026, https://example.org/wijk/BU05991086/');
  });
  it('names each source and year once', () => {
    const text = citation([{ source: 'kwb', year: 2024 }, { source: 'kwb', year: 2024 }, { source: 'rivm', year: 2020 }], new Date('2026-01-02T12:00:00Z'), 'u');
    expect(text).toBe("Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED); RIVM, GGD'en en CBS, Gezondheid per wijk en buurt (Gezondheidsmonitor) 2020 (50090NED), bewerking Wijkbeeld Rotterdam, geraadpleegd op 2 januari 2026, u");
  });
});
