BT-LAB SETTING FILE

Number of linked techniques : 1

Filename : SB21-evaluation-short.mps

Device : BCS-805
Ecell ctrl range : min = 0.00 V, max = 9.00 V
Electrode material : 
Initial state : 
Electrolyte : 
Comments : cellspec SB21-evaluation / short, cell SB21 | off the cycler: External short
Mass of active material : 0.001 mg
 at x = 0.000
Molecular weight of active material (at x = 0) : 0.001 g/mol
Atomic weight of intercalated ion : 0.001 g/mol
Acquisition started at : xo = 0.000
Number of e- transfered per intercalated ion : 1
for DX = 1, DQ = 26.802 mA.h
Battery capacity : 8.000 mA.h
Electrode surface area : 0.001 cm²
Characteristic mass : 0.001 g
Cycle Definition : Charge/Discharge alternance
Do not turn to OCV between techniques

Technique : 1
Modulo Bat
Ns                  0                   1                   2                   
ctrl_type           CC                  CV                  Rest                
Apply I/C           I                   I                   I                   
ctrl1_val           2.667               4.250                                   
ctrl1_val_unit      mA                  V                                       
ctrl1_val_vs        <None>              Ref                                     
ctrl2_val                                                                       
ctrl2_val_unit                                                                  
ctrl2_val_vs                                                                    
ctrl3_val                                                                       
ctrl3_val_unit                                                                  
ctrl3_val_vs                                                                    
N                   1.00                1.00                1.00                
charge/discharge    Charge              Charge              Charge              
ctrl_seq            0                   0                   0                   
ctrl_repeat         0                   0                   0                   
ctrl_trigger        Falling Edge        Falling Edge        Falling Edge        
ctrl_TO_t           0.000               0.000               0.000               
ctrl_TO_t_unit      d                   d                   d                   
ctrl_Nd             6                   6                   6                   
ctrl_Na             1                   1                   1                   
ctrl_corr           1                   1                   1                   
lim_nb              1                   1                   1                   
lim1_type           Ecell               |I|                 Time                
lim1_comp           >                   <                   >                   
lim1_Q              Q limit             Q limit             Q limit             
lim1_value          4.250               400.000             30.000              
lim1_value_unit     V                   µA                  mn                  
lim1_action         Next sequence       Next sequence       Next sequence       
lim1_seq            1                   2                   3                   
lim2_type           Time                Time                Time                
lim2_comp           <                   <                   <                   
lim2_Q              Q limit             Q limit             Q limit             
lim2_value          0.000               0.000               0.000               
lim2_value_unit     s                   s                   s                   
lim2_action         Next sequence       Next sequence       Next sequence       
lim2_seq            1                   2                   3                   
lim3_type           Time                Time                Time                
lim3_comp           <                   <                   <                   
lim3_Q              Q limit             Q limit             Q limit             
lim3_value          0.000               0.000               0.000               
lim3_value_unit     s                   s                   s                   
lim3_action         Next sequence       Next sequence       Next sequence       
lim3_seq            1                   2                   3                   
rec_nb              1                   1                   1                   
rec1_type           Time                Time                Time                
rec1_value          30.000              30.000              30.000              
rec1_value_unit     s                   s                   s                   
rec2_type           Time                Time                Time                
rec2_value          0.000               0.000               0.000               
rec2_value_unit     s                   s                   s                   
rec3_type           Time                Time                Time                
rec3_value          0.000               0.000               0.000               
rec3_value_unit     s                   s                   s                   
E range min (V)     2.000               2.000               2.000               
E range max (V)     4.750               4.750               4.750               
I Range             10 mA               10 mA               10 µA               
I Range min         Unset               Unset               Unset               
I Range max         Unset               Unset               Unset               
I Range init        Unset               Unset               Unset               
auto rest           0                   0                   0                   
Bandwidth           4                   4                   4                   
